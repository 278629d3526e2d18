using System.Net;
using System.Text;
using Bot.Host.WeCom.Crypto;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>The callback's front door: what it accepts, what it refuses, and that refusing stores nothing.</summary>
public sealed class AppCallbackTests : IAsyncLifetime
{
    private string _connectionString = "";
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabases.CreateEmptyAsync();
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("Database:ConnectionString", _connectionString)
            .UseSetting("Redis:Configuration", TestEnvironment.Redis)
            .UseSetting("Redis:KeyPrefix", TestEnvironment.NewRedisPrefix())
            // Nothing listens here: these tests look at the inbox, not at delivery.
            .UseSetting("WeCom:BaseUrl", "http://127.0.0.1:1/cgi-bin/"));
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await TestDatabases.DropAsync(_connectionString);
    }

    private async Task<long> InboundCountAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long>("select count(*) from inbound_messages");
    }

    private Task<HttpResponseMessage> PostAsync(string url, string body) =>
        _client.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"));

    [Fact]
    public async Task Post_ValidText_IsAcknowledgedEmptyAndStored()
    {
        var (url, body) = SignedCallback.Envelope(SignedCallback.Text("lina", "本周漏斗", 91001));

        var response = await PostAsync(url, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal("app:msg:91001|lina|text", await connection.ExecuteScalarAsync<string>(
            "select message_key || '|' || from_user || '|' || msg_type from inbound_messages"));
    }

    [Fact]
    public async Task Post_SameMessageThreeTimes_StoredOnce()
    {
        var plain = SignedCallback.Text("lina", "刚给星辰的李总打了电话", 91002);
        for (var i = 0; i < 3; i++)
        {
            var (url, body) = SignedCallback.Envelope(plain);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(url, body)).StatusCode);
        }

        Assert.Equal(1, await InboundCountAsync());
    }

    [Fact]
    public async Task Post_TwoEventsInTheSameSecond_BothStored()
    {
        // The documented FromUserName + CreateTime key would merge these two customers into one.
        var (url1, body1) = SignedCallback.Envelope(SignedCallback.ExternalContactEvent("add_external_contact", "lina", "wmA", 1764000000, "WC1"));
        var (url2, body2) = SignedCallback.Envelope(SignedCallback.ExternalContactEvent("add_external_contact", "lina", "wmB", 1764000000, "WC2"));

        await PostAsync(url1, body1);
        await PostAsync(url2, body2);
        await PostAsync(url1, body1);

        Assert.Equal(2, await InboundCountAsync());
    }

    [Fact]
    public async Task Get_UrlVerification_ReturnsOnlyThePlainEcho()
    {
        var echo = SignedCallback.App.Encrypt("1616140317555161061");
        const string timestamp = "1409659589";
        const string nonce = "263014780";
        var signature = SignedCallback.App.Sign(timestamp, nonce, echo);

        var response = await _client.GetAsync($"/wecom/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echo)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1616140317555161061", await response.Content.ReadAsStringAsync());
        var forged = await _client.GetAsync($"/wecom/callback?msg_signature={new string('0', 40)}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echo)}");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    public static TheoryData<string, string> HostilePosts()
    {
        var data = new TheoryData<string, string>();
        var (_, good) = SignedCallback.Envelope(SignedCallback.Text("lina", "hi", 1));
        var (url, _) = SignedCallback.Envelope(SignedCallback.Text("lina", "hi", 1), signatureOverride: new string('a', 40));
        data.Add("forged signature", $"{url}|{good}");

        var otherCorp = new WeComCrypto(SignedCallback.Token, SignedCallback.AesKey, "wwSOMEBODYELSE");
        var (url2, body2) = SignedCallback.Envelope(SignedCallback.Text("lina", "hi", 2), otherCorp);
        data.Add("another corp's receiveid", $"{url2}|{body2}");

        var (url3, _) = SignedCallback.Envelope(SignedCallback.Text("lina", "hi", 3));
        data.Add("malformed envelope", $"{url3}|<xml><Encrypt>unterminated");

        var (url4, body4) = SignedCallback.Envelope("<xml><MsgType>text</MsgType><Content>broken");
        data.Add("malformed inner XML", $"{url4}|{body4}");

        data.Add("XXE", $"{url3}|<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>");
        data.Add("billion laughs", $"{url3}|<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><Encrypt>&lol3;</Encrypt></xml>");

        var inner = SignedCallback.Text("lina", "hi", 4);
        var xxeInside = inner.Replace("<xml>", "<!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml>").Replace("hi", "&x;");
        var (url5, body5) = SignedCallback.Envelope(xxeInside);
        data.Add("XXE inside the encrypted message", $"{url5}|{body5}");

        data.Add("no signature", $"/wecom/callback|{good}");
        return data;
    }

    [Theory]
    [MemberData(nameof(HostilePosts))]
    public async Task Post_Hostile_RejectedWith4xxAndNothingStored(string what, string request)
    {
        var separator = request.IndexOf('|', StringComparison.Ordinal);
        var response = await PostAsync(request[..separator], request[(separator + 1)..]);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{what}: {response.StatusCode}");
        Assert.Equal(0, await InboundCountAsync());
    }

    [Fact]
    public async Task Post_TenMegabyteBody_Refused413()
    {
        var (url, _) = SignedCallback.Envelope(SignedCallback.Text("lina", "hi", 5));
        var huge = "<xml><Encrypt>" + new string('A', 10 * 1024 * 1024) + "</Encrypt></xml>";

        var response = await PostAsync(url, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await InboundCountAsync());
    }
}
