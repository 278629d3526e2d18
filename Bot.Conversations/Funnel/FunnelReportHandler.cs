using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>
/// "本周漏斗" / "上月团队漏斗" / "张伟这个月的漏斗" / "上周大家跟进了多少次": the report for the period asked (this
/// week by default) and the scope asked — a rep their own, a manager the team or one named member of it, an admin
/// everyone — with the funnel and the activity trend as pictures, and the per-rep lines ten to a page.
/// </summary>
public sealed class FunnelReportHandler(FunnelReportBuilder builder, IUserDirectory users, ChartReplies charts) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var period = context.Parsed.Period ?? ReportPeriod.ThisWeek;
        var audience = await ReportAudience.ForAsync(context, users, ct);
        var report = await builder.BuildAsync(audience.Whose, audience.OwnerIds, period, context.Now, audience.IsGroup, ct);
        var pages = report.RepLines.Count == 0
            ? [Reply.Markdown(report.Summary)]
            : await ListPages.ShowAsync(context.Dialog, report.Summary, "按销售", report.RepLines, context.Now, ct);
        var title = $"{audience.Whose}漏斗 · {report.Period.Label}";
        // A picture of nothing says less than the text's zeros: each is drawn only when it has something to show.
        IEnumerable<Reply> pictures =
        [
            .. report.Bars.Any(b => b.Count > 0)
                ? charts.Picture("funnel.png", $"{title}（到达各阶段的客户）", c => c.Funnel($"{title}（到达各阶段的客户）", report.Bars)) : [],
            .. report.Days.Any(d => d.Interactions > 0 || d.Won > 0)
                ? charts.Picture("activity.png", $"{audience.Whose}跟进趋势 · {report.Period.Label}", c => c.ActivityTrend($"{audience.Whose}每日跟进 · {report.Period.Label}", report.Days)) : [],
        ];
        return [pages[0], .. pictures, .. pages.Skip(1)];
    }
}
