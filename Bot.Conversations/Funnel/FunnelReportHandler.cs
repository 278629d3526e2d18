using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>
/// "本周漏斗" / "上月团队漏斗" / "张伟这个月的漏斗": the report for the period asked (this week by default) and the
/// scope asked — a rep their own, a manager the team or one named member of it, an admin everyone.
/// </summary>
public sealed class FunnelReportHandler(FunnelReportBuilder builder, IUserDirectory users) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var period = context.Parsed.Period ?? ReportPeriod.ThisWeek;
        var scope = context.Scope;
        var (whose, owners, perRep) = scope.OwnerIds switch
        {
            null => ("全公司", (IReadOnlySet<long>?)null, true),
            { Count: 1 } => ("你的", scope.OwnerIds, false),
            _ => ("团队", scope.OwnerIds, true),
        };
        if (context.User.Role != UserRole.Rep)
        {
            var team = context.User.Role == UserRole.Manager ? await users.ListTeamAsync(context.User.Id, ct) : await users.ListActiveAsync(ct);
            if (team.FirstOrDefault(u => u.Id != context.User.Id && context.Parsed.Text.Contains(u.Name, StringComparison.Ordinal)) is { } named)
                (whose, owners, perRep) = (named.Name + "的", new HashSet<long> { named.Id }, false);
        }
        return [Reply.Markdown(await builder.BuildAsync(whose, owners, period, context.Now, perRep, ct))];
    }
}
