using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// What WeCom posts to the bot's AI-bot callback (wecom-spec.md §2.4): <c>{"encrypt"}</c> with receiveid "",
/// then, while the bot streams (finish:false), a stream-refresh callback about every 300 ms until finish:true
/// or the deadline.
/// </summary>
public sealed class AiBotCallbackSender(
    CallbackPoster poster, IOptions<WeComEmulatorOptions> options, AiBotReplyStore replyUrls, EmulatorAddress address, TimeProvider time)
{
    private WeComEmulatorOptions Options => options.Value;

    /// <param name="chatId">null for a single (1:1) chat; a group chat id otherwise.</param>
    public Task<AiBotExchange> SendTextAsync(string userId, string content, string? chatId = null, CancellationToken ct = default) =>
        SendAsync(userId, chatId, "text", new JsonObject { ["content"] = content }, ct);

    /// <summary>AI bot voice arrives already transcribed in voice.content.</summary>
    public Task<AiBotExchange> SendVoiceAsync(string userId, string transcript, string? chatId = null, CancellationToken ct = default) =>
        SendAsync(userId, chatId, "voice", new JsonObject { ["content"] = transcript }, ct);

    public Task<AiBotExchange> SendEnterChatAsync(string userId, CancellationToken ct = default) =>
        SendEventAsync(userId, null, new JsonObject { ["eventtype"] = "enter_chat" }, ct);

    public Task<AiBotExchange> SendTemplateCardEventAsync(
        string userId, string taskId, string eventKey, string cardType = "button_interaction", string? chatId = null, CancellationToken ct = default) =>
        SendEventAsync(userId, chatId, new JsonObject
        {
            ["eventtype"] = "template_card_event",
            ["template_card_event"] = new JsonObject { ["card_type"] = cardType, ["event_key"] = eventKey, ["task_id"] = taskId },
        }, ct);

    public Task<UrlVerificationResult> VerifyUrlAsync(CancellationToken ct = default) => poster.VerifyUrlAsync(Options.AiBotCallbackUrl, Crypto(), ct);

    /// <summary>Posts any callback payload, then follows the bot's stream to its end.</summary>
    public async Task<AiBotExchange> SendPayloadAsync(JsonObject payload, CancellationToken ct = default)
    {
        var started = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(Options.AiBotStreamDeadlineSeconds);
        var msgId = payload["msgid"]?.GetValue<string>() ?? NewMsgId();
        var deliveries = new List<CallbackDelivery>();
        var replies = new List<JsonElement>();
        string? streamId = null, content = null, error = null;
        var finished = false;
        var next = payload;
        while (true)
        {
            var delivery = await PostAsync(next, ct);
            deliveries.Add(delivery);
            if (!delivery.Delivered)
                return new(msgId, deliveries, replies, streamId, content, false, "the bot never answered HTTP 200");
            var (reply, replyError) = DecryptReply(delivery.ResponseBody);
            error = replyError ?? error;
            if (reply is not null)
            {
                replies.Add(JsonSerializer.SerializeToElement(reply, EmulatorJson.WeCom));
                var stream = reply["stream"] as JsonObject;
                streamId = stream?.GetText("id") ?? streamId;
                content = stream?.GetText("content") ?? (reply["text"] as JsonObject)?.GetText("content")
                    ?? (reply["markdown"] as JsonObject)?.GetText("content") ?? content;
                finished = stream is null || stream["finish"] is JsonValue flag && flag.TryGetValue<bool>(out var done) && done;
                error = (stream is null ? null : StreamMsgItems.Check(stream, finished)) ?? error;
            }
            // An empty 200 to the first callback means the bot will answer through response_url instead.
            if (finished || streamId is null || started.Elapsed >= deadline)
                return new(msgId, deliveries, replies, streamId, content, finished, error);
            await Task.Delay(Options.AiBotStreamRefreshMilliseconds, ct);
            next = Header(payload["from"]!["userid"]!.GetValue<string>(), payload["chatid"]?.GetValue<string>(), "stream");
            next["stream"] = new JsonObject { ["id"] = streamId };
        }
    }

    private Task<AiBotExchange> SendAsync(string userId, string? chatId, string msgType, JsonObject body, CancellationToken ct)
    {
        var payload = Header(userId, chatId, msgType);
        payload["response_url"] = address.BaseUrl() + "/" + AiBotResponseEndpoints.Route + "/" + replyUrls.Issue(payload.GetText("msgid")!, userId, chatId);
        payload[msgType] = body;
        return SendPayloadAsync(payload, ct);
    }

    private Task<AiBotExchange> SendEventAsync(string userId, string? chatId, JsonObject @event, CancellationToken ct)
    {
        var payload = Header(userId, chatId, "event");
        payload["create_time"] = time.GetUtcNow().ToUnixTimeSeconds();
        payload["from"]!["corpid"] = Options.CorpId;
        payload["event"] = @event;
        return SendPayloadAsync(payload, ct);
    }

    private JsonObject Header(string userId, string? chatId, string msgType)
    {
        var payload = new JsonObject { ["msgid"] = NewMsgId(), ["aibotid"] = Options.AiBotId };
        if (chatId is not null)
            payload["chatid"] = chatId;
        payload["chattype"] = chatId is null ? "single" : "group";
        payload["from"] = new JsonObject { ["userid"] = userId };
        payload["msgtype"] = msgType;
        return payload;
    }

    private Task<CallbackDelivery> PostAsync(JsonObject payload, CancellationToken ct) =>
        poster.PostAsync(Options.AiBotCallbackUrl, Crypto(), payload.ToJsonString(EmulatorJson.WeCom),
            encrypted => new JsonObject { ["encrypt"] = encrypted }.ToJsonString(EmulatorJson.WeCom), "application/json", ct);

    /// <summary>The reply is <c>{"encrypt","msgsignature","timestamp","nonce"}</c> (doc 101033); empty means no passive reply.</summary>
    private (JsonObject? Reply, string? Error) DecryptReply(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        try
        {
            if (JsonNode.Parse(body) is not JsonObject envelope || envelope.GetText("encrypt") is not { } encrypted)
                return (null, "reply lacks encrypt");
            var timestamp = envelope["timestamp"]?.ToString() ?? "";
            var crypto = Crypto();
            if (!crypto.VerifySignature(envelope.GetText("msgsignature"), timestamp, envelope.GetText("nonce") ?? "", encrypted))
                return (null, "reply msgsignature does not match");
            return JsonNode.Parse(crypto.Decrypt(encrypted)) is JsonObject reply ? (reply, null) : (null, "decrypted reply is not a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or WeComCryptoException or InvalidOperationException)
        {
            return (null, "reply is not a valid encrypted reply: " + ex.Message);
        }
    }

    private WeComCrypto Crypto() => new(Options.AiBotToken, Options.AiBotEncodingAESKey, "");

    private static string NewMsgId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
