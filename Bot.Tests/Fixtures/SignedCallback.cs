using System.Globalization;
using Bot.Host.WeCom.Crypto;

namespace Bot.Tests.Fixtures;

/// <summary>Builds callbacks exactly as WeCom sends them: encrypted, enveloped, signed, query-string parameters.</summary>
public static class SignedCallback
{
    public const string CorpId = "wwsandbox00000001";
    public const string Token = "SandboxToken2026";
    public const string AesKey = "SandboxEncodingAesKeyForTheLocalEmulator012";

    public static readonly WeComCrypto App = new(Token, AesKey, CorpId);

    public const string AiBotToken = "SandboxAiBotToken";
    public const string AiBotAesKey = "SandboxAiBotEncodingAesKeyForTheEmulator012";

    public static readonly WeComCrypto AiBot = new(AiBotToken, AiBotAesKey, "");

    /// <summary>An AI-bot callback: the JSON encrypted with receiveid "", as {"encrypt"} with the signature in the query.</summary>
    public static (string Url, string Body) AiBotEnvelope(string plainJson)
    {
        var encrypted = AiBot.Encrypt(plainJson);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var body = System.Text.Json.JsonSerializer.Serialize(new { encrypt = encrypted });
        return ($"/wecom/aibot?msg_signature={AiBot.Sign(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}", body);
    }

    public static (string Url, string Body) Envelope(string plainXml, WeComCrypto? crypto = null, string? signatureOverride = null)
    {
        crypto ??= App;
        var encrypted = crypto.Encrypt(plainXml);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
        var signature = signatureOverride ?? crypto.Sign(timestamp, nonce, encrypted);
        var body = $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return ($"/wecom/callback?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}", body);
    }

    public static string Text(string from, string content, long msgId) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";

    public static string ExternalContactEvent(string changeType, string userId, string externalUserId, long createTime, string? welcomeCode = null) =>
        $"<xml><ToUserName><![CDATA[{CorpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[{changeType}]]></ChangeType><UserID><![CDATA[{userId}]]></UserID><ExternalUserID><![CDATA[{externalUserId}]]></ExternalUserID>{(welcomeCode is null ? "" : $"<WelcomeCode><![CDATA[{welcomeCode}]]></WelcomeCode>")}</xml>";
}
