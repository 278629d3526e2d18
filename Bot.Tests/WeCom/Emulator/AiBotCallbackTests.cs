using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.WeCom.Crypto;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.WeCom.Emulator;

public sealed class AiBotCallbackTests
{
    private static readonly WeComCrypto BotCrypto = new(EmulatorHost.AiBotToken, EmulatorHost.AiBotAesKey, "");

    [Fact]
    public async Task GroupText_BotStreams1Then12Then123_RefreshesUntilFinishAndReturns123()
    {
        var payloads = new ConcurrentQueue<JsonObject>();
        var step = 0;
        await using var bot = await FakeBot.StartAsync((request, _) =>
        {
            var payload = Decrypt(request);
            payloads.Enqueue(payload);
            var n = Interlocked.Increment(ref step);
            var stream = new JsonObject { ["id"] = "stream-1", ["finish"] = n == 3, ["content"] = "123"[..n] };
            return Task.FromResult(Reply(new JsonObject { ["msgtype"] = "stream", ["stream"] = stream }));
        });
        await using var emulator = await EmulatorHost.StartAsync(aiBotCallbackUrl: bot.Url);

        var exchange = await emulator.ControlAsync<AiBotExchange>("aibot/message", new AiBotMessageRequest("rep1", "@销售助手 本周漏斗", "chat-9"));

        Assert.Null(exchange.Error);
        Assert.True(exchange.Finished);
        Assert.Equal("123", exchange.FinalContent);
        Assert.Equal(3, exchange.Deliveries.Count);
        var sent = payloads.ToArray();
        Assert.Equal(("text", "group", "chat-9", "rep1"), (Text(sent[0], "msgtype"), Text(sent[0], "chattype"), Text(sent[0], "chatid"), sent[0]["from"]!["userid"]!.GetValue<string>()));
        Assert.Equal("@销售助手 本周漏斗", sent[0]["text"]!["content"]!.GetValue<string>());
        Assert.Equal(exchange.MsgId, Text(sent[0], "msgid"));
        Assert.StartsWith("http://127.0.0.1:", Text(sent[0], "response_url"), StringComparison.Ordinal);
        Assert.All(sent[1..], refresh =>
        {
            Assert.Equal("stream", Text(refresh, "msgtype"));
            Assert.Equal("stream-1", refresh["stream"]!["id"]!.GetValue<string>());
            Assert.Equal("chat-9", Text(refresh, "chatid"));
        });
        Assert.Equal(3, sent.Select(p => Text(p, "msgid")).Distinct().Count());
    }

    [Fact]
    public async Task SingleText_EmptyReply_BotAnswersThroughResponseUrlOnce()
    {
        var payloads = new ConcurrentQueue<JsonObject>();
        await using var bot = await FakeBot.StartAsync((request, _) =>
        {
            payloads.Enqueue(Decrypt(request));
            return Task.FromResult(Results.Ok());
        });
        await using var emulator = await EmulatorHost.StartAsync(aiBotCallbackUrl: bot.Url);

        var exchange = await emulator.ControlAsync<AiBotExchange>("aibot/message", new AiBotMessageRequest("rep2", "明天提醒我回访", Voice: true));
        var sent = Assert.Single(payloads);
        Assert.Equal(("voice", "single", "明天提醒我回访"), (Text(sent, "msgtype"), Text(sent, "chattype"), sent["voice"]!["content"]!.GetValue<string>()));
        Assert.Null(sent["chatid"]);
        using var http = new HttpClient();
        var active = """{"msgtype":"markdown","markdown":{"content":"好的，明天 9:00 提醒你"}}""";
        var first = await EmulatorHost.ReadAsync(await http.PostAsync(Text(sent, "response_url"), new StringContent(active)));
        var second = await EmulatorHost.ReadAsync(await http.PostAsync(Text(sent, "response_url"), new StringContent(active)));

        Assert.False(exchange.Finished);
        Assert.Null(exchange.FinalContent);
        Assert.Equal(0, first.GetProperty("errcode").GetInt32());
        Assert.NotEqual(0, second.GetProperty("errcode").GetInt32());
        var reply = Assert.Single(await emulator.ControlAsync<List<AiBotActiveReply>>("aibot/replies"));
        Assert.Equal(("rep2", "好的，明天 9:00 提醒你"), (reply.UserId, reply.Body.GetProperty("markdown").GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Reply_WrongSignature_IsReportedNotTrusted()
    {
        await using var bot = await FakeBot.StartAsync((_, _) =>
        {
            var encrypted = BotCrypto.Encrypt("""{"msgtype":"text","text":{"content":"hi"}}""");
            return Task.FromResult(Results.Json(new { encrypt = encrypted, msgsignature = new string('0', 40), timestamp = 1700000000, nonce = "1" }));
        });
        await using var emulator = await EmulatorHost.StartAsync(aiBotCallbackUrl: bot.Url);

        var exchange = await emulator.ControlAsync<AiBotExchange>("aibot/enter-chat", new MemberRequest("rep1"));

        Assert.Equal("reply msgsignature does not match", exchange.Error);
        Assert.Empty(exchange.Replies);
    }

    private static JsonObject Decrypt(ReceivedRequest request)
    {
        var envelope = JsonNode.Parse(request.Body)!.AsObject();
        var encrypted = envelope["encrypt"]!.GetValue<string>();
        var q = request.Query;
        Assert.True(BotCrypto.VerifySignature(q["msg_signature"], q["timestamp"], q["nonce"], encrypted));
        return JsonNode.Parse(BotCrypto.Decrypt(encrypted))!.AsObject();
    }

    private static IResult Reply(JsonObject reply)
    {
        var encrypted = BotCrypto.Encrypt(reply.ToJsonString());
        const string timestamp = "1700000000", nonce = "nonce1";
        return Results.Json(new { encrypt = encrypted, msgsignature = BotCrypto.Sign(timestamp, nonce, encrypted), timestamp = 1700000000, nonce });
    }

    private static string Text(JsonObject payload, string name) => payload[name]!.GetValue<string>();
}
