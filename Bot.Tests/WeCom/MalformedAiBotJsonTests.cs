using System.Net;
using System.Text;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// A correctly signed AI-bot callback whose JSON is not shaped like WeCom's is answered 400 with one warning line and
/// stored nowhere — never a 500, and never a 200 for a message the worker would then fail on with stack traces.
/// </summary>
public sealed class MalformedAiBotJsonTests
{
    [Theory]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"msgtype":5,"msgid":"m-1","from":{"userid":"lina"}}""")]
    [InlineData("""{"msgtype":"text","msgid":7,"from":{"userid":"lina"}}""")]
    [InlineData("""{"msgtype":"text","msgid":"m-2","from":"lina","text":{"content":"本周漏斗"}}""")]
    [InlineData("""{"msgtype":"stream","stream":"s-1"}""")]
    [InlineData("\"just a string\"")]
    // What the worker reads (AiBotMessages): the text or transcript, the chat type and the group's id.
    [InlineData("""{"msgtype":"text","msgid":"m-3","chattype":"single","from":{"userid":"lina"},"text":{"content":5}}""")]
    [InlineData("""{"msgtype":"text","msgid":"m-4","chattype":"single","from":{"userid":"lina"},"text":"本周漏斗"}""")]
    [InlineData("""{"msgtype":"voice","msgid":"m-5","chattype":"single","from":{"userid":"lina"},"voice":{"content":["本周漏斗"]}}""")]
    [InlineData("""{"msgtype":"voice","msgid":"m-6","chattype":"single","from":{"userid":"lina"},"voice":"本周漏斗"}""")]
    [InlineData("""{"msgtype":"text","msgid":"m-7","chattype":1,"from":{"userid":"lina"},"text":{"content":"本周漏斗"}}""")]
    [InlineData("""{"msgtype":"text","msgid":"m-8","chattype":"group","chatid":42,"from":{"userid":"lina"},"text":{"content":"本周漏斗"}}""")]
    public async Task SignedButMisshapen_BadRequest_OneWarningLine_NothingStored(string json)
    {
        var logs = new CapturedLogs();
        await using var bot = await LiveBot.StartAsync(services => services.AddSingleton<ILoggerProvider>(logs));
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        var (url, body) = SignedCallback.AiBotEnvelope(json);
        var before = logs.Lines.Count;

        using var response = await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        // Nothing stored means no worker will ever fail on it, so the one line below is all the log gets.
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from inbound_messages"));
        var line = Assert.Single(logs.Lines.Skip(before));
        Assert.Equal((LogLevel.Warning, "Bot.Host.WeCom.AiBot", null), (line.Level, line.Category, line.Exception));
    }

    [Fact]
    public async Task SignedAndWellShaped_Accepted()
    {
        await using var bot = await LiveBot.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        var (url, body) = SignedCallback.AiBotEnvelope("""{"msgtype":"text","msgid":"m-ok","chattype":"group","chatid":"wr-1","from":{"userid":"lina"},"text":{"content":"本周漏斗"}}""");

        using var response = await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
