using System.Text.Json.Nodes;

namespace Bot.Host.Doctor;

/// <summary>
/// externalcontact/get_follow_user_list: whether this app may call the 客户联系 APIs at all (48002 when it is not
/// among 客户联系 › 可调用接口的应用), and which members have 客户联系 switched on, since only their customers
/// reach the bot.
/// </summary>
public sealed class CustomerContactCheck(WeComProbe wecom) : IDoctorCheck
{
    public string Subject => "客户联系权限";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var answer = await wecom.FollowUsersAsync(ct);
        return [answer switch
        {
            null => DoctorLine.Info(Subject, "未检查——先解决 access_token"),
            { Unreachable: { } why } => DoctorLine.Failed(Subject, $"调用 get_follow_user_list 失败（{why}）"),
            { ErrCode: TrustedIpCheck.IpNotAllowed } => DoctorLine.Info(Subject, "未检查——先解决企业可信IP"),
            { ErrCode: 48002 } => DoctorLine.Failed(Subject,
                $"{await wecom.AppNameAsync(ct)}不能调用客户联系接口（48002）——到 管理后台 › 客户与上下游 › 客户联系 › API › 可调用接口的应用 添加它，并勾选外部联系人变更回调"),
            { ErrCode: 84061 } => DoctorLine.Failed(Subject,
                "没有外部联系人关系（84061）——到 管理后台 › 客户与上下游 › 客户联系 › 权限配置 给销售开通客户联系，并确认他们在应用可见范围内"),
            { ErrCode: 0 } => Members(answer.Body["follow_user"] as JsonArray),
            _ => DoctorLine.Failed(Subject, $"get_follow_user_list 回答 {answer.ErrCode}：{answer.ErrMsg}"),
        }];
    }

    private DoctorLine Members(JsonArray? members) => members is { Count: > 0 }
        ? DoctorLine.Ok(Subject, $"可调用客户联系接口，{members.Count} 名成员已开通客户联系")
        : DoctorLine.Warning(Subject, "可调用客户联系接口，但还没有成员开通客户联系——到 管理后台 › 客户与上下游 › 客户联系 › 权限配置 给销售开通，否则他们的客户不会同步过来");
}
