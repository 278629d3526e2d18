using System.Text.Json;
using Bot.Conversations.Pipeline;
using Bot.Host.Messaging;
using Bot.Host.Telemetry;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom.Callback;

/// <summary>
/// GET/POST /wecom/callback for the self-built app. POST: size cap, envelope, signature, decrypt (receiveid must be
/// our corp id), parse, store durably under the message key, answer an empty 200. Processing happens after.
/// </summary>
public static class AppCallbackEndpoints
{
    public static IEndpointRouteBuilder MapAppCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wecom/callback", VerifyUrl);
        app.MapPost("/wecom/callback", ReceiveAsync).AddEndpointFilter<StorageOutageFilter>();
        return app;
    }

    /// <summary>URL verification: answer only the decrypted echostr, as plain text.</summary>
    private static IResult VerifyUrl(
        string? msg_signature, string? timestamp, string? nonce, string? echostr, AppCrypto crypto, ILogger<AppCrypto> logger)
    {
        if (msg_signature is null || timestamp is null || nonce is null || echostr is null)
            return Results.BadRequest();
        if (!crypto.Value.VerifySignature(msg_signature, timestamp, nonce, echostr))
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        try
        {
            return Results.Text(crypto.Value.Decrypt(echostr), "text/plain");
        }
        catch (WeComCryptoException ex)
        {
            logger.LogWarning("URL verification failed to decrypt: {Error}", ex.Error);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, string? msg_signature, string? timestamp, string? nonce,
        AppCrypto crypto, IInbox inbox, InboundSignal signal, IOptions<WeComOptions> options, ILogger<AppCrypto> logger, CancellationToken ct)
    {
        if (msg_signature is null || timestamp is null || nonce is null)
            return Results.BadRequest();
        var body = await CallbackBody.ReadAsync(request, options.Value.MaxCallbackBytes, ct);
        if (body is null)
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        if (!SafeXml.TryParse(body, out var envelope) || !envelope.TryGetValue("Encrypt", out var encrypted) || encrypted.Length == 0)
            return Results.BadRequest();
        if (!crypto.Value.VerifySignature(msg_signature, timestamp, nonce, encrypted))
        {
            logger.LogWarning("Callback rejected: bad signature");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        string plain;
        try
        {
            plain = crypto.Value.Decrypt(encrypted);
        }
        catch (WeComCryptoException ex)
        {
            logger.LogWarning("Callback rejected: {Error}", ex.Error);
            return ex.Error == WeComCryptoError.ReceiveIdMismatch ? Results.StatusCode(StatusCodes.Status403Forbidden) : Results.BadRequest();
        }
        if (!SafeXml.TryParse(plain, out var fields) || !fields.TryGetValue("MsgType", out var msgType))
            return Results.BadRequest();

        var from = fields.GetValueOrDefault("FromUserName", "");
        CallbackMasking.App(fields);
        using var span = BotActivities.StartCallback("app", fields.GetValueOrDefault("MsgId"));
        var id = await inbox.RecordAsync("app", InboundKeys.ForApp(fields), from, msgType, JsonSerializer.Serialize(fields), span?.Id, ct);
        if (id is not null)
            signal.Nudge();
        return Results.Ok();
    }
}

/// <summary>The app's crypto, built once from the options (receiveid = corp id).</summary>
public sealed class AppCrypto(IOptions<WeComOptions> options)
{
    public WeComCrypto Value { get; } = new(options.Value.Token, options.Value.EncodingAESKey, options.Value.CorpId);
}
