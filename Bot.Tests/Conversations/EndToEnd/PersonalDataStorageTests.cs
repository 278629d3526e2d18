using System.Net;
using System.Text;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// ID and bank card numbers a member sends — plain, with spaces or dashes, ending in X, in full-width digits, through
/// the app or the AI bot, in the text, a voice transcript or a quoted message — are kept nowhere: not in any text column
/// of any table (the stored WeCom message and the outbox included), not in any Redis key, not in any log line the host
/// writes at any level (its HTTP request logging included).
/// </summary>
public sealed class PersonalDataStorageTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new(LogLevel.Trace);
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(_logs.AddTo);

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task NumbersTypedInTheApp_StoredNowhereLoggedNowhere_AndTheRepIsTold()
    {
        var first = await _bot.SayAsync("lina", "刚给成都星辰打了电话，对方身份证 110101-19800101-0053，卡号 6222 0212 3456 7894，下周三再跟进", 1);
        Assert.Contains("已隐去", LiveBot.TextOf(first));
        // A doubtful write waits in Redis for 是: its text is masked there too.
        await _bot.SayAsync("lina", "给南京星辰打电话没人接，他身份证11010519491231002x", 3);
        // Typed on a phone's Chinese keyboard: full-width digits, spaces, dashes and Ｘ.
        await _bot.TellAsync("zhangwei", "华东精密的周总身份证４４０３０６　１９８５０６１２　１２３３，卡号６２１７－００１２－３４５６－７８９０－１２２，下周五再联系");
        await _bot.TellAsync("zhangwei", "华东精密的周总说他太太的身份证是５１０１０７１９６６０８０８３２１ｘ");

        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>(
            "select count(*) from inbound_messages where from_user = 'zhangwei' and payload->>'Content' like '%[身份证号已隐去]%'"));
        await AssertKeptNowhereAsync(
            "110101198001010053", "11010519491231002X", "6222021234567894", "440306198506121233", "51010719660808321X", "6217001234567890122");
    }

    [Fact]
    public async Task NumbersSentToTheAiBot_InTextVoiceAndQuote_StoredNowhereLoggedNowhere()
    {
        var said = await _bot.ControlAsync<AiBotExchange>("aibot/message",
            new AiBotMessageRequest("lina", "刚给成都星辰打了电话，对方身份证 ３１０１０４－１９９２０２２９－４５６７，下周三再跟进"));
        var spoken = await _bot.ControlAsync<AiBotExchange>("aibot/message",
            new AiBotMessageRequest("lina", "给南京星辰打电话没人接，他身份证320102197803157891", Voice: true));
        Assert.True(said.Finished, said.Error);
        Assert.True(spoken.Finished, spoken.Error);
        Assert.Contains("已隐去", said.FinalContent);

        // Replying to an earlier message: WeCom sends the quoted message along with the new one.
        using var http = new HttpClient { BaseAddress = new Uri(_bot.BaseUrl) };
        var (url, body) = SignedCallback.AiBotEnvelope("""
            {"msgid":"pd-quote-1","aibotid":"aib-pd","chattype":"single","from":{"userid":"lina"},"response_url":"http://127.0.0.1:9/unused",
             "msgtype":"text","text":{"content":"卡号是不是 6258–0712–3456–7896"},
             "quote":{"msgtype":"text","text":{"content":"客户的卡号 6228 4800 1234 5671"}}}
            """);
        using (var response = await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _bot.HandledAsync("lina");

        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        Assert.Equal("客户的卡号 [银行卡号已隐去]", await connection.ExecuteScalarAsync<string>(
            "select payload->'message'->'quote'->'text'->>'content' from inbound_messages where message_key = 'aibot:pd-quote-1'"));
        await AssertKeptNowhereAsync("310104199202294567", "320102197803157891", "6258071234567896", "6228480012345671");
    }

    private async Task AssertKeptNowhereAsync(params string[] numbers)
    {
        Assert.Empty(await PersonalNumbers.InDatabaseAsync(_bot.ConnectionString, numbers));
        Assert.Empty(await PersonalNumbers.InRedisAsync(numbers));
        // Every level, every category: the callbacks' request lines were seen, and no line holds a number in any spelling.
        var lines = _logs.Lines.ToArray();
        Assert.Contains(lines, l => l.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal) && l.Written.Contains("/wecom/", StringComparison.Ordinal));
        Assert.Empty(lines.SelectMany(l => PersonalNumbers.Holding(l.Written, numbers).Select(n => $"{l.Category}: {n}")));
    }
}
