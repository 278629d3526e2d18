namespace Bot.Host.Doctor;

/// <summary>gettoken with the configured corp id and secret: the first thing every WeCom call needs.</summary>
public sealed class WeComTokenCheck(WeComProbe wecom) : IDoctorCheck
{
    public string Subject => "企业微信 access_token";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var o = wecom.Options;
        var answer = await wecom.TokenAsync(ct);
        return [answer switch
        {
            { Unreachable: { } why } => DoctorLine.Failed(Subject, $"连不上 {o.BaseUrl}（{why}）——检查 WeCom:BaseUrl，以及服务器能否访问外网"),
            { ErrCode: 0 } => DoctorLine.Ok(Subject, $"已获取（企业ID {o.CorpId}）"),
            { ErrCode: 40001 } => DoctorLine.Failed(Subject,
                $"Secret 不对（40001）——到 管理后台 › 应用管理 › 自建应用（AgentId {o.AgentId}）查看 Secret，填到 WeCom:Secret"),
            { ErrCode: 40013 } => DoctorLine.Failed(Subject, "企业ID 不对（40013）——到 管理后台 › 我的企业 › 企业信息 页底复制企业ID，填到 WeCom:CorpId"),
            { ErrCode: TrustedIpCheck.IpNotAllowed } => DoctorLine.Failed(Subject, "企业微信拒绝了本机 IP（60020），见下面「企业可信IP」"),
            _ => DoctorLine.Failed(Subject, $"企业微信回答 {answer.ErrCode}：{answer.ErrMsg}"),
        }];
    }
}
