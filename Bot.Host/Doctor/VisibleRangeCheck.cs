using System.Text.Json.Nodes;

namespace Bot.Host.Doctor;

/// <summary>
/// agent/get: the AgentId belongs to this secret, and the app's 可见范围 is not empty. Only members inside it can
/// write to the bot or receive its messages (message/send drops the rest as invaliduser).
/// </summary>
public sealed class VisibleRangeCheck(WeComProbe wecom) : IDoctorCheck
{
    public string Subject => "应用可见范围";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var answer = await wecom.AgentAsync(ct);
        var o = wecom.Options;
        return [answer switch
        {
            null => DoctorLine.Info(Subject, "未检查——先解决 access_token"),
            { Unreachable: { } why } => DoctorLine.Failed(Subject, $"调用 agent/get 失败（{why}）"),
            { ErrCode: TrustedIpCheck.IpNotAllowed } => DoctorLine.Info(Subject, "未检查——先解决企业可信IP"),
            { ErrCode: 40056 or 60011 } => DoctorLine.Failed(Subject,
                $"AgentId {o.AgentId} 不是这个 Secret 的应用（{answer.ErrCode}）——到 管理后台 › 应用管理 › 自建应用 页面复制 AgentId，填到 WeCom:AgentId"),
            { ErrCode: 0 } => Range(answer.Body, await wecom.AppNameAsync(ct)),
            _ => DoctorLine.Failed(Subject, $"agent/get 回答 {answer.ErrCode}：{answer.ErrMsg}"),
        }];
    }

    private DoctorLine Range(JsonObject agent, string app)
    {
        var users = Count(agent["allow_userinfos"]?["user"]);
        var parties = Count(agent["allow_partys"]?["partyid"]);
        var tags = Count(agent["allow_tags"]?["tagid"]);
        if (users + parties + tags == 0)
            return DoctorLine.Failed(Subject, $"{app}的可见范围是空的，谁也用不了机器人——到 管理后台 › 应用管理 › {app} › 可见范围 添加销售所在的部门");
        var parts = new[] { (parties, "个部门"), (users, "名成员"), (tags, "个标签") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}");
        return DoctorLine.Ok(Subject, $"{app}对 {string.Join("、", parts)}可见");
    }

    private static int Count(JsonNode? list) => list is JsonArray array ? array.Count : 0;
}
