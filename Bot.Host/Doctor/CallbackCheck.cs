using System.Net;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Host.Doctor;

/// <summary>
/// The app's 接收消息 callback: Token and EncodingAESKey as the console accepts them, the URL to paste, and when
/// WeCom:PublicBaseUrl is set, WeCom's URL verification played against it from here. That proves the bot answers
/// at that address, not that WeCom can reach it through the firewall, so the line says "本机验证".
/// </summary>
public sealed class CallbackCheck(IOptions<WeComOptions> options, CallbackVerifier verifier) : IDoctorCheck
{
    public string Subject => "接收消息回调";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        if (CallbackVerifier.KeyProblem(o.Token, o.EncodingAESKey, "WeCom:Token", "WeCom:EncodingAESKey") is { } problem)
            return [DoctorLine.Failed(Subject, problem)];
        var where = $"管理后台 › 应用管理 › 自建应用（AgentId {o.AgentId}） › 接收消息 › 设置API接收";
        return [await CheckUrlAsync(Subject, o, "/wecom/callback", new WeComCrypto(o.Token, o.EncodingAESKey, o.CorpId), where, verifier, ct)];
    }

    /// <summary>One callback URL: unset, unreachable from WeCom, failing verification, or fine; shared with the AI bot's.</summary>
    public static async Task<DoctorLine> CheckUrlAsync(
        string subject, WeComOptions o, string path, WeComCrypto crypto, string where, CallbackVerifier verifier, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(o.PublicBaseUrl))
            return DoctorLine.Warning(subject, $"没有设置 WeCom:PublicBaseUrl，未能自检——在 {where} 填 https://<对外域名>{path}");
        if (!Uri.TryCreate(o.PublicBaseUrl.TrimEnd('/') + path, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return DoctorLine.Failed(subject, $"WeCom:PublicBaseUrl「{o.PublicBaseUrl}」不是 http(s) 地址，如 https://bot.example.com");
        // A loopback address is right for the sandbox (its WeCom is the local emulator) and wrong for the real one.
        if (IsLoopback(url) && !(Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var api) && IsLoopback(api)))
            return DoctorLine.Failed(subject, $"WeCom:PublicBaseUrl 是本机地址 {url.Host}，企业微信从外网访问不到——改成对外的 https 域名");
        return await verifier.VerifyAsync(url, crypto, ct) is { } failure
            ? DoctorLine.Failed(subject, $"{url} 验证失败：{failure}")
            : DoctorLine.Ok(subject, $"{url} 本机验证通过——把它填到 {where} 的 URL");
    }

    private static bool IsLoopback(Uri uri) => uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
}
