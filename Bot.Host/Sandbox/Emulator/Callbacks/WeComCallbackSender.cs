using System.Xml;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// What WeCom posts to the bot's app callback: messages and events as decrypted XML, encrypted with
/// receiveid = CorpId, wrapped in the envelope, signed, and posted with WeCom's retries.
/// </summary>
public sealed class WeComCallbackSender(CallbackPoster poster, IOptions<WeComEmulatorOptions> options, TimeProvider time)
{
    private long _lastMsgId = time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;

    private WeComEmulatorOptions Options => options.Value;

    public Task<CallbackDelivery> SendTextAsync(string fromUserId, string content, CancellationToken ct = default) =>
        SendMessageAsync(fromUserId, "text", [("Content", content)], ct);

    /// <summary>A voice message; the app channel carries no transcript (no Recognition field).</summary>
    public Task<CallbackDelivery> SendVoiceAsync(string fromUserId, string mediaId, string format = "amr", CancellationToken ct = default) =>
        SendMessageAsync(fromUserId, "voice", [("MediaId", mediaId), ("Format", format)], ct);

    public Task<CallbackDelivery> SendEnterAgentAsync(string userId, CancellationToken ct = default) =>
        SendEventAsync(userId, "enter_agent", [("EventKey", "")], ct);

    /// <param name="responseCode">Issue it with <see cref="MessageStore.IssueResponseCode"/> so update_template_card accepts it.</param>
    public Task<CallbackDelivery> SendTemplateCardEventAsync(
        string userId, string taskId, string eventKey, string responseCode, string cardType = "button_interaction", CancellationToken ct = default) =>
        SendEventAsync(userId, "template_card_event",
            [("EventKey", eventKey), ("TaskId", taskId), ("CardType", cardType), ("ResponseCode", responseCode)], ct);

    /// <summary>change_external_contact from <c>sys</c>; <paramref name="welcomeCode"/> and <paramref name="state"/> go only on add events.</summary>
    public Task<CallbackDelivery> SendExternalContactChangeAsync(
        string changeType, string userId, string externalUserId, string? welcomeCode = null, string? state = null, CancellationToken ct = default) =>
        SendPlaintextAsync(CallbackXml.Build(
            ("ToUserName", Options.CorpId), ("FromUserName", "sys"), ("CreateTime", Now()), ("MsgType", "event"),
            ("Event", "change_external_contact"), ("ChangeType", changeType), ("UserID", userId), ("ExternalUserID", externalUserId),
            ("State", state), ("WelcomeCode", welcomeCode)), ct);

    /// <summary>
    /// change_external_contact / transfer_fail: <paramref name="takeoverUserId"/> is the member who was to take over,
    /// <paramref name="failReason"/> customer_refused or customer_limit_exceed.
    /// </summary>
    public Task<CallbackDelivery> SendTransferFailAsync(string takeoverUserId, string externalUserId, string failReason, CancellationToken ct = default) =>
        SendPlaintextAsync(CallbackXml.Build(
            ("ToUserName", Options.CorpId), ("FromUserName", "sys"), ("CreateTime", Now()), ("MsgType", "event"),
            ("Event", "change_external_contact"), ("ChangeType", "transfer_fail"), ("FailReason", failReason), ("UserID", takeoverUserId),
            ("ExternalUserID", externalUserId)), ct);

    /// <summary>Encrypts, wraps, signs and posts any plaintext XML, then decrypts the passive reply if there is one.</summary>
    public async Task<CallbackDelivery> SendPlaintextAsync(string plaintextXml, CancellationToken ct = default)
    {
        var crypto = Crypto();
        var delivery = await poster.PostAsync(Options.CallbackUrl, crypto, plaintextXml, encrypted => CallbackXml.Build(
            ("ToUserName", Options.CorpId), ("AgentID", Options.AgentId.ToString()), ("Encrypt", encrypted)).Replace("\n", "", StringComparison.Ordinal),
            "text/xml", ct);
        return string.IsNullOrWhiteSpace(delivery.ResponseBody) ? delivery : WithReply(delivery, crypto);
    }

    public Task<UrlVerificationResult> VerifyUrlAsync(CancellationToken ct = default) => poster.VerifyUrlAsync(Options.CallbackUrl, Crypto(), ct);

    private Task<CallbackDelivery> SendMessageAsync(string fromUserId, string msgType, (string, object?)[] fields, CancellationToken ct) =>
        SendPlaintextAsync(CallbackXml.Build(
            [("ToUserName", Options.CorpId), ("FromUserName", fromUserId), ("CreateTime", Now()), ("MsgType", msgType),
             .. fields, ("MsgId", Interlocked.Increment(ref _lastMsgId)), ("AgentID", Options.AgentId)]), ct);

    private Task<CallbackDelivery> SendEventAsync(string userId, string eventName, (string, object?)[] fields, CancellationToken ct) =>
        SendPlaintextAsync(CallbackXml.Build(
            [("ToUserName", Options.CorpId), ("FromUserName", userId), ("CreateTime", Now()), ("MsgType", "event"),
             ("Event", eventName), .. fields, ("AgentID", Options.AgentId)]), ct);

    /// <summary>A passive reply is &lt;xml&gt; with Encrypt, MsgSignature, TimeStamp and Nonce (wecom-spec.md §1.6).</summary>
    private static CallbackDelivery WithReply(CallbackDelivery delivery, WeComCrypto crypto)
    {
        try
        {
            var reply = CallbackXml.Parse(delivery.ResponseBody!);
            if (!reply.TryGetValue("Encrypt", out var encrypted) || !reply.TryGetValue("TimeStamp", out var timestamp)
                || !reply.TryGetValue("Nonce", out var nonce))
                return delivery with { ReplyError = "reply lacks Encrypt, TimeStamp or Nonce" };
            if (!crypto.VerifySignature(reply.GetValueOrDefault("MsgSignature"), timestamp, nonce, encrypted))
                return delivery with { ReplyError = "reply MsgSignature does not match" };
            return delivery with { ReplyPlaintext = crypto.Decrypt(encrypted) };
        }
        catch (Exception ex) when (ex is XmlException or WeComCryptoException)
        {
            return delivery with { ReplyError = "reply is not a valid encrypted reply: " + ex.Message };
        }
    }

    private WeComCrypto Crypto() => new(Options.Token, Options.EncodingAESKey, Options.CorpId);

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();
}
