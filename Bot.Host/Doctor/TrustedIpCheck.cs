using System.Text.RegularExpressions;

namespace Bot.Host.Doctor;

/// <summary>
/// 企业可信IP: apps created since mid-2022 may call WeCom only from listed addresses, and WeCom answers 60020
/// naming the address it saw, which is the one to list (behind NAT it is not the server's own).
/// </summary>
public sealed partial class TrustedIpCheck(WeComProbe wecom) : IDoctorCheck
{
    public const int IpNotAllowed = 60020;

    public string Subject => "企业可信IP";

    // "not allow to access from your ip, hint: [...], from ip: 1.2.3.4, more info at ..."
    [GeneratedRegex(@"from ip:\s*([0-9A-Fa-f.:]+)")]
    private static partial Regex FromIp();

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var token = await wecom.TokenAsync(ct);
        if (token.ErrCode != 0 && token.ErrCode != IpNotAllowed)
            return [DoctorLine.Info(Subject, "未检查——先解决 access_token")];
        var refused = token.ErrCode == IpNotAllowed ? token : await wecom.AgentAsync(ct) is { ErrCode: IpNotAllowed } agent ? agent : null;
        if (refused is null)
            return [DoctorLine.Ok(Subject, "本机可以调用企业微信接口")];
        var ip = FromIp().Match(refused.ErrMsg) is { Success: true } match ? match.Groups[1].Value : null;
        return [DoctorLine.Failed(Subject, ip is null
            ? $"本机出口 IP 不在名单里（60020）——到 管理后台 › 应用管理 › {await wecom.AppNameAsync(ct)} › 企业可信IP 添加服务器的出口 IP（企业微信原话：{refused.ErrMsg}）"
            : $"本机出口 IP {ip} 不在名单里（60020）——到 管理后台 › 应用管理 › {await wecom.AppNameAsync(ct)} › 企业可信IP 添加 {ip}")];
    }
}
