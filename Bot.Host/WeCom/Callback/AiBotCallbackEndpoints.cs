using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Conversations.Pipeline;
using Bot.Host.Messaging;
using Bot.Host.Telemetry;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom.Callback;

/// <summary>
/// POST /wecom/aibot: the AI bot (智能机器人) channel, in single and group chats. A text or (already
/// transcribed) voice message is stored like an app message and answered at once with an empty stream;
/// WeCom then polls with stream-refresh callbacks and gets the reply as soon as the worker has written it.
/// </summary>
public static class AiBotCallbackEndpoints
{
    public const string WelcomeText = "你好，我是销售助手。直接说客户的情况，或者问「本周漏斗」「海川医疗是哪一类客户」。";

    private static readonly StreamReply Unanswered = new("", Finished: false);

    // What this endpoint reads, then what the worker reads from the stored message.
    private static readonly string[][] ReadFields =
        [["msgid"], ["from", "userid"], ["event", "eventtype"], ["stream", "id"], .. AiBotMessages.StringFields];

    public static IEndpointRouteBuilder MapAiBotCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wecom/aibot", VerifyUrl);
        app.MapPost("/wecom/aibot", ReceiveAsync).AddEndpointFilter<StorageOutageFilter>();
        return app;
    }

    private static IResult VerifyUrl(string? msg_signature, string? timestamp, string? nonce, string? echostr, AiBotCrypto crypto)
    {
        if (crypto.Value is null || msg_signature is null || timestamp is null || nonce is null || echostr is null)
            return Results.BadRequest();
        if (!crypto.Value.VerifySignature(msg_signature, timestamp, nonce, echostr))
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            return Results.Text(crypto.Value.Decrypt(echostr), "text/plain");
        }
        catch (WeComCryptoException)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, string? msg_signature, string? timestamp, string? nonce, AiBotCrypto crypto,
        IInbox inbox, InboundSignal signal, IStreamReplies streams, IOptions<WeComOptions> options, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        if (crypto.Value is null)
            return Results.NotFound();
        if (msg_signature is null || timestamp is null || nonce is null)
            return Results.BadRequest();
        var body = await CallbackBody.ReadAsync(request, options.Value.MaxCallbackBytes, ct);
        if (body is null)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        string? encrypted;
        try
        {
            encrypted = JsonNode.Parse(body)?["encrypt"]?.GetValue<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return Results.BadRequest();
        }
        if (string.IsNullOrEmpty(encrypted))
            return Results.BadRequest();
        if (!crypto.Value.VerifySignature(msg_signature, timestamp, nonce, encrypted))
            return Results.StatusCode(StatusCodes.Status403Forbidden);

        JsonNode? message;
        try
        {
            message = JsonNode.Parse(crypto.Value.Decrypt(encrypted));
        }
        catch (WeComCryptoException ex)
        {
            return ex.Error == WeComCryptoError.ReceiveIdMismatch ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.BadRequest();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        // Signed by the right key but not the shape WeCom sends (an array, a number for a string, from as text):
        // rejected in one line, never a 500 with a stack trace, and never stored for the worker to fail on.
        if (message is not JsonObject || !ReadFields.All(path => Shaped(message, path)))
        {
            loggers.CreateLogger("Bot.Host.WeCom.AiBot").LogWarning("AI bot callback rejected: a correctly signed message that is not shaped like WeCom's JSON");
            return Results.BadRequest();
        }
        var msgType = Text(message, "msgtype");
        var msgId = Text(message, "msgid");
        var from = Text(message, "from", "userid") ?? "";
        var eventType = Text(message, "event", "eventtype");
        switch (msgType)
        {
            case "stream":
                var streamId = Text(message, "stream", "id") ?? "";
                var current = await streams.GetAsync(streamId);
                return Reply(crypto.Value, clock, AiBotStreamRenderer.ToJson(streamId, current ?? Unanswered));
            case "text" or "voice" when msgId is not null:
                // The stream id is derived from the message id, so WeCom's re-delivery gets the same stream.
                var id = "s" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(msgId)))[..24];
                CallbackMasking.AiBot(message);
                using (var span = BotActivities.StartCallback("aibot", msgId))
                {
                    var stored = await inbox.RecordAsync("aibot", InboundKeys.ForAiBot(msgId), from, msgType,
                        new JsonObject { ["stream_id"] = id, ["message"] = message!.DeepClone() }.ToJsonString(), span?.Id, ct);
                    if (stored is not null)
                        signal.Nudge();
                }
                return Reply(crypto.Value, clock, AiBotStreamRenderer.ToJson(id, Unanswered));
            case "event" when eventType == "enter_chat":
                return Reply(crypto.Value, clock, new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = WelcomeText } });
            default:
                return Results.Ok();
        }
    }

    /// <summary>The string at <paramref name="path"/>, or null when it is absent or not a string.</summary>
    private static string? Text(JsonNode node, params string[] path)
    {
        JsonNode? current = node;
        foreach (var step in path)
            current = current is JsonObject o ? o[step] : null;
        return current is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>Absent, or present with every step an object and a string at the end.</summary>
    private static bool Shaped(JsonNode node, params string[] path)
    {
        JsonNode? current = node;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is not JsonObject o || !o.TryGetPropertyValue(path[i], out current) || current is null)
                return current is null;
        }
        return current is JsonValue v && v.TryGetValue<string>(out _);
    }

    /// <summary>The passive reply: the JSON encrypted with receiveid "" and signed with a fresh timestamp and nonce.</summary>
    private static IResult Reply(WeComCrypto crypto, TimeProvider clock, JsonObject reply)
    {
        var encrypted = crypto.Encrypt(reply.ToJsonString(WeComJson.Options));
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return Results.Json(new
        {
            encrypt = encrypted,
            msgsignature = crypto.Sign(timestamp, nonce, encrypted),
            timestamp = long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture),
            nonce,
        });
    }
}

/// <summary>The AI bot's crypto (receiveid is the empty string), or null when no AI bot is configured.</summary>
public sealed class AiBotCrypto(IOptions<WeComOptions> options)
{
    public WeComCrypto? Value { get; } = options.Value.AiBot.Enabled
        ? new WeComCrypto(options.Value.AiBot.Token, options.Value.AiBot.EncodingAESKey, "")
        : null;
}
