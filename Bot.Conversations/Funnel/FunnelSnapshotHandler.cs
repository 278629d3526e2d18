using System.Text;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>"本周漏斗": how many of the user's (or the team's) customers sit in each stage right now.</summary>
public sealed class FunnelSnapshotHandler(ICustomerQueries queries) : IIntentHandler
{
    public Intent Intent => Intent.FunnelReport;

    public CustomerNeed Needs => CustomerNeed.None;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var counts = await queries.StageCountsAsync(context.Scope.OwnerIds, ct);
        var whose = context.Scope.OwnerIds is null ? "全公司" : context.Scope.OwnerIds.Count > 1 ? "团队" : "你的";
        var output = new StringBuilder($"**{whose}销售漏斗（当前）**");
        FunnelStage[] stages = [FunnelStage.Lead, FunnelStage.Qualified, FunnelStage.Negotiation, FunnelStage.Won, FunnelStage.Lost];
        foreach (var stage in stages)
            output.Append($"\n{stage.ChineseName()}：{counts.GetValueOrDefault(stage)}");
        var open = counts.GetValueOrDefault(FunnelStage.Lead) + counts.GetValueOrDefault(FunnelStage.Qualified) + counts.GetValueOrDefault(FunnelStage.Negotiation);
        output.Append($"\n在跟进中 {open} 个，其中洽谈 {counts.GetValueOrDefault(FunnelStage.Negotiation)} 个最接近成交。");
        return [Reply.Markdown(output.ToString())];
    }
}
