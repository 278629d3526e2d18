using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Bot.Host.WeCom.Crypto;

namespace Bot.Host.Doctor;

/// <summary>
/// Settings and URLs of the two callbacks (the app's and the AI bot's): checks a Token and EncodingAESKey the way
/// the admin console does, and plays WeCom's URL verification against a running bot.
/// </summary>
public sealed class CallbackVerifier(IHttpClientFactory factory)
{
    public const string HttpClientName = "doctor";

    /// <returns>What is wrong with the pair in words an admin can act on, or null when WeCom would accept it.</returns>
    public static string? KeyProblem(string token, string encodingAesKey, string tokenSetting, string keySetting)
    {
        if (token.Length is 0 or > 32 || !token.All(char.IsAsciiLetterOrDigit))
            return $"{tokenSetting} 要 1–32 位英文或数字";
        if (encodingAesKey.Length != 43 || !encodingAesKey.All(char.IsAsciiLetterOrDigit))
            return $"{keySetting} 要正好 43 位英文或数字（现在 {encodingAesKey.Length} 位）——在管理后台点「随机获取」后复制过来";
        try
        {
            _ = Convert.FromBase64String(encodingAesKey + "=");
            return null;
        }
        catch (FormatException)
        {
            return $"{keySetting} 不是有效的密钥——在管理后台点「随机获取」后复制过来";
        }
    }

    /// <summary>WeCom's GET: a random echostr encrypted and signed with our settings must come back decrypted, as plain text.</summary>
    /// <returns>Null when the bot answered correctly, else what went wrong.</returns>
    public async Task<string?> VerifyAsync(Uri url, WeComCrypto crypto, CancellationToken ct)
    {
        var echo = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var echostr = crypto.Encrypt(echo);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = $"msg_signature={crypto.Sign(timestamp, nonce, echostr)}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echostr)}";
        var http = factory.CreateClient(HttpClientName);
        try
        {
            using var response = await http.GetAsync(new UriBuilder(url) { Query = query }.Uri, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return response.StatusCode switch
            {
                HttpStatusCode.OK when body == echo => null,
                HttpStatusCode.OK => "回答的不是解密后的 echostr——那里运行的是这个机器人吗？",
                HttpStatusCode.Forbidden => "签名或解密没通过（HTTP 403）——运行中的机器人和这里的 Token、EncodingAESKey 不一样",
                HttpStatusCode.NotFound => "没有这个地址（HTTP 404）——检查 WeCom:PublicBaseUrl 和反向代理的转发路径",
                _ => $"HTTP {(int)response.StatusCode}",
            };
        }
        catch (HttpRequestException ex)
        {
            return $"连不上（{ex.Message}）——机器人在运行吗？";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return $"{http.Timeout.TotalSeconds:0} 秒没有回应（企业微信只等 1 秒）";
        }
    }
}
