using System.Text.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>
/// `scripts/bot export|forget customer NAME` in their own process, against messages the running bot stored and
/// handled: 西门子（中国）有限公司, whose contact 司徒静怡 has a namesake at 张伟's 华东精密. 李娜 logged a visit to
/// 西门子 and, in a message of its own, only set a reminder to call 司徒静怡; 张伟 did the same for his 司徒静怡.
/// </summary>
public sealed class CustomerErasureCommandLineTests : IAsyncLifetime
{
    private const string Siemens = "西门子（中国）有限公司";
    private const string Visit = "今天拜访了西门子(中国)有限公司的司徒静怡，谈了续约，下周三再跟进";
    private const string ReminderOnly = "下周五上午10点提醒我给司徒静怡打电话";
    private const string OtherCall = "今天给司徒静怡打了电话，她说预算批了";
    private const string OtherReminder = "下周五提醒我给司徒静怡发报价";

    private readonly string _prefix = TestEnvironment.NewRedisPrefix();
    private LiveBot _bot = null!;
    private long _siemensId;
    private long _huadongId;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
        var ct = CancellationToken.None;
        var users = _bot.Services.GetRequiredService<IUserDirectory>();
        var customers = _bot.Services.GetRequiredService<ICustomerRepository>();
        var lina = (await users.FindByWeComIdAsync("lina", ct))!;
        var siemens = await customers.AddAsync(new NewCustomer(Siemens, "西门子", [], "制造", "1000人以上", "北京", lina.Id, FunnelStage.Qualified), lina.Id, ct);
        _siemensId = siemens.Id;
        await customers.AddContactAsync(new NewContact(siemens.Id, "司徒静怡", "采购总监", "13911112222", null, null, "decision_maker"), ct);
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            _huadongId = await connection.ExecuteScalarAsync<long>("select id from customers where legal_name = '华东精密机械有限公司'");
        await customers.AddContactAsync(new NewContact(_huadongId, "司徒静怡", "财务经理", "13933334444", null, null, "gatekeeper"), ct);
        _bot.Services.GetRequiredService<CustomerDirectory>().Invalidate();

        await _bot.TellAsync("lina", Visit);
        await _bot.TellAsync("lina", ReminderOnly);
        await _bot.TellAsync("zhangwei", OtherCall);
        await _bot.TellAsync("zhangwei", OtherReminder);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Theory]
    [InlineData("西门子(中国)有限公司", "西门子（中国）有限公司")]
    [InlineData("西门子（中国）有限公司", "西门子(中国)有限公司")]
    public async Task ExportThenForget_NameWithParenthesesInEitherWidth_ExportListsEveryMessageForgetTouches(string exportName, string forgetName)
    {
        var before = await MessagesAsync();
        var text = await CliAsync("export", "customer", exportName);
        var json = await CliAsync("export", "customer", exportName, "--json");
        var forget = await CliAsync("forget", "customer", forgetName);

        Assert.StartsWith($"客户：{Siemens}", text);
        Assert.Contains(ReminderOnly, text);
        Assert.StartsWith($"已删除「{Siemens}」的个人信息", forget);
        var export = JsonDocument.Parse(json).RootElement;
        var listed = export.GetProperty("messages").EnumerateArray().Select(m => "in:" + m.GetProperty("id").GetInt64())
            .Concat(export.GetProperty("outbox").EnumerateArray().Select(m => "out:" + m.GetProperty("id").GetInt64())).ToHashSet();
        var after = await MessagesAsync();
        var touched = before.Keys.Where(key => after.GetValueOrDefault(key) != before[key]).ToList();
        Assert.NotEmpty(touched);
        Assert.All(touched, key => Assert.Contains(key, listed));
        Assert.Equal(
            new[] { Visit, ReminderOnly }.Order(StringComparer.Ordinal),
            export.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("payload").GetProperty("Content").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Forget_MessageThatOnlySetAReminder_MaskedThroughTheReminderLink()
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var messageId = await connection.ExecuteScalarAsync<long>("select id from inbound_messages where payload->>'Content' = @Text", new { Text = ReminderOnly });
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from interactions where inbound_message_id = @Id", new { Id = messageId }));
        Assert.Equal(_siemensId, await connection.ExecuteScalarAsync<long>("select customer_id from reminders where inbound_message_id = @Id", new { Id = messageId }));

        await CliAsync("forget", "customer", Siemens);

        // 司徒静怡 alone could be either customer's contact: only the recorded link says this message was about 西门子.
        Assert.Equal("下周五上午10点提醒我给[已删除]打电话", await connection.ExecuteScalarAsync<string>(
            "select payload->>'Content' from inbound_messages where id = @Id", new { Id = messageId }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "select count(*) from outbox where idempotency_key like 'reply:' || @Id || ':%' and strpos(payload::text, '司徒静怡') > 0", new { Id = messageId }));
    }

    [Fact]
    public async Task Forget_AnotherCustomersContactOfTheSameName_ItsMessagesAndRepliesUntouched()
    {
        var before = await MessagesAsync();

        await CliAsync("forget", "customer", Siemens);

        var after = await MessagesAsync();
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var theirs = (await connection.QueryAsync<string>("""
            select 'in:' || m.id from inbound_messages m where m.from_user = 'zhangwei'
            union all select 'out:' || o.id from inbound_messages m join outbox o on o.idempotency_key like 'reply:' || m.id || ':%' where m.from_user = 'zhangwei'
            """)).ToList();
        Assert.True(theirs.Count(k => k.StartsWith("in:", StringComparison.Ordinal)) == 2 && theirs.Count >= 4, string.Join(", ", theirs));
        Assert.All(theirs, key => Assert.Equal(before[key], after.GetValueOrDefault(key)));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>(
            "select count(*) from contacts where customer_id = @Id and name = '司徒静怡' and phone = '13933334444'", new { Id = _huadongId }));
    }

    /// <summary>Runs the command line against the bot's database; its standard output, after checking it exited 0.</summary>
    private async Task<string> CliAsync(params string[] args)
    {
        var result = await BotProcess.RunAsync(_bot.ConnectionString, _prefix, args);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }

    /// <summary>Every stored message's payload: "in:ID" for those from WeCom, "out:ID" for the outbox's.</summary>
    private async Task<Dictionary<string, string>> MessagesAsync()
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return (await connection.QueryAsync<(string Key, string Payload)>("""
            select 'in:' || id, payload::text from inbound_messages union all select 'out:' || id, payload::text from outbox
            """)).ToDictionary(m => m.Key, m => m.Payload);
    }
}
