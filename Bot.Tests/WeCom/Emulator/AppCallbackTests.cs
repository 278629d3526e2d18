using System.Collections.Concurrent;
using Bot.Host.WeCom.Crypto;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.WeCom.Emulator;

public sealed class AppCallbackTests
{
    private static readonly WeComCrypto BotCrypto = new(EmulatorHost.Token, EmulatorHost.AesKey, EmulatorHost.CorpId);

    [Fact]
    public async Task SendText_Receiver_GetsSignedEncryptedEnvelopeWithPlaintext()
    {
        var plaintexts = new ConcurrentQueue<Dictionary<string, string>>();
        await using var bot = await FakeBot.StartAsync((request, _) =>
        {
            plaintexts.Enqueue(DecryptEnvelope(request));
            return Task.FromResult(Results.Ok());
        });
        await using var emulator = await EmulatorHost.StartAsync(bot.Url);

        var delivery = await emulator.Services.GetRequiredService<WeComCallbackSender>().SendTextAsync("rep1", "今天拜访了<星辰>，]]>成交");

        Assert.True(delivery.Delivered);
        Assert.Single(delivery.Attempts);
        var request = Assert.Single(bot.Requests);
        Assert.Equal(emulator.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), request.Query["timestamp"]);
        var plain = Assert.Single(plaintexts);
        Assert.Equal(EmulatorHost.CorpId, plain["ToUserName"]);
        Assert.Equal("rep1", plain["FromUserName"]);
        Assert.Equal("text", plain["MsgType"]);
        Assert.Equal("今天拜访了<星辰>，]]>成交", plain["Content"]);
        Assert.Equal(EmulatorHost.AgentId.ToString(), plain["AgentID"]);
        Assert.True(long.Parse(plain["MsgId"]) > 0);
    }

    [Fact]
    public async Task Send_ReceiverSilentFirstTime_RepostsTheSameRequest()
    {
        var calls = 0;
        await using var bot = await FakeBot.StartAsync(async (_, context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        });
        await using var emulator = await EmulatorHost.StartAsync(bot.Url, callbackTimeoutSeconds: 0.5);

        var delivery = await emulator.Services.GetRequiredService<WeComCallbackSender>().SendEnterAgentAsync("rep1");

        Assert.True(delivery.Delivered);
        Assert.Equal([null, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.True(delivery.Attempts[0].Elapsed >= TimeSpan.FromSeconds(0.4), "the first attempt waited out the callback timeout");
        var requests = bot.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(requests[0].RawQuery, requests[1].RawQuery);
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal("enter_agent", DecryptEnvelope(requests[1])["Event"]);
    }

    [Fact]
    public async Task Send_ReceiverAlways500_GivesUpAfterThreeRetries()
    {
        await using var bot = await FakeBot.StartAsync((_, _) => Task.FromResult(Results.StatusCode(500)));
        await using var emulator = await EmulatorHost.StartAsync(bot.Url);

        var delivery = await emulator.Services.GetRequiredService<WeComCallbackSender>().SendTextAsync("rep1", "hi");

        Assert.False(delivery.Delivered);
        Assert.Equal([500, 500, 500, 500], delivery.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task TemplateCardClick_ResponseCodeInEvent_WorksForUpdateTemplateCard()
    {
        var plaintexts = new ConcurrentQueue<Dictionary<string, string>>();
        await using var bot = await FakeBot.StartAsync((request, _) =>
        {
            plaintexts.Enqueue(DecryptEnvelope(request));
            return Task.FromResult(Results.Ok());
        });
        await using var emulator = await EmulatorHost.StartAsync(bot.Url);

        var click = await emulator.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("rep1", "visit-7", "confirm"));
        var update = await emulator.PostAsync("cgi-bin/message/update_template_card?access_token=" + await emulator.TokenAsync(),
            new { userids = new[] { "rep1" }, agentid = EmulatorHost.AgentId, response_code = click.ResponseCode, button = new { replace_name = "已处理" } });

        var plain = Assert.Single(plaintexts);
        Assert.Equal(("template_card_event", "confirm", "visit-7", click.ResponseCode), (plain["Event"], plain["EventKey"], plain["TaskId"], plain["ResponseCode"]));
        Assert.Equal(0, update.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task PassiveReply_EncryptedXml_IsDecryptedIntoTheDelivery()
    {
        await using var bot = await FakeBot.StartAsync((_, _) =>
        {
            const string reply = "<xml><ToUserName><![CDATA[rep1]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到]]></Content></xml>";
            var encrypted = BotCrypto.Encrypt(reply);
            var body = $"<xml><Encrypt><![CDATA[{encrypted}]]></Encrypt><MsgSignature><![CDATA[{BotCrypto.Sign("1700000000", "42", encrypted)}]]></MsgSignature><TimeStamp>1700000000</TimeStamp><Nonce><![CDATA[42]]></Nonce></xml>";
            return Task.FromResult(Results.Text(body, "text/xml"));
        });
        await using var emulator = await EmulatorHost.StartAsync(bot.Url);

        var delivery = await emulator.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("rep1", "在吗"));

        Assert.Null(delivery.ReplyError);
        Assert.Contains("<Content><![CDATA[收到]]></Content>", delivery.ReplyPlaintext, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyUrl_BotEchoesDecryptedEchostr_Succeeds()
    {
        await using var bot = await FakeBot.StartAsync((request, _) =>
        {
            var q = request.Query;
            Assert.True(BotCrypto.VerifySignature(q["msg_signature"], q["timestamp"], q["nonce"], q["echostr"]));
            return Task.FromResult(Results.Text(BotCrypto.Decrypt(q["echostr"]), "text/plain"));
        });
        await using var emulator = await EmulatorHost.StartAsync(bot.Url);

        var result = await emulator.ControlAsync<UrlVerificationResult>("app/verify-url", new { });

        Assert.True(result.Success, result.Body);
        Assert.Equal("GET", Assert.Single(bot.Requests).Method);
    }

    /// <summary>What the bot does: check the envelope, verify the signature, decrypt with receiveid = CorpId.</summary>
    internal static Dictionary<string, string> DecryptEnvelope(ReceivedRequest request)
    {
        var envelope = CallbackXml.Parse(request.Body);
        Assert.Equal(EmulatorHost.CorpId, envelope["ToUserName"]);
        Assert.Equal(EmulatorHost.AgentId.ToString(), envelope["AgentID"]);
        var q = request.Query;
        Assert.True(BotCrypto.VerifySignature(q["msg_signature"], q["timestamp"], q["nonce"], envelope["Encrypt"]));
        return CallbackXml.Parse(BotCrypto.Decrypt(envelope["Encrypt"]));
    }
}
