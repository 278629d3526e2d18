using System.Net;
using System.Text;
using Bot.Tests.Fixtures;

namespace Bot.Tests.WeCom;

/// <summary>A correctly signed AI-bot callback whose JSON is not shaped like WeCom's is answered 400, never 500.</summary>
public sealed class MalformedAiBotJsonTests
{
    [Theory]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"msgtype":5,"msgid":"m-1","from":{"userid":"lina"}}""")]
    [InlineData("""{"msgtype":"text","msgid":7,"from":{"userid":"lina"}}""")]
    [InlineData("""{"msgtype":"text","msgid":"m-2","from":"lina","text":{"content":"本周漏斗"}}""")]
    [InlineData("""{"msgtype":"stream","stream":"s-1"}""")]
    [InlineData("\"just a string\"")]
    public async Task SignedButMisshapen_BadRequest(string json)
    {
        await using var bot = await LiveBot.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        var (url, body) = SignedCallback.AiBotEnvelope(json);

        using var response = await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SignedAndWellShaped_Accepted()
    {
        await using var bot = await LiveBot.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        var (url, body) = SignedCallback.AiBotEnvelope("""{"msgtype":"text","msgid":"m-ok","chattype":"single","from":{"userid":"lina"},"text":{"content":"本周漏斗"}}""");

        using var response = await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
