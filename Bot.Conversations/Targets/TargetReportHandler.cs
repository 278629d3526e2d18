using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;

namespace Bot.Conversations.Targets;

/// <summary>
/// "本月目标完成情况" / "张伟指标完成多少了" / "这季度达成率": signed against target for the month (or the quarter
/// asked), the gap, the ranking of the team, and the same as a chart.
/// </summary>
public sealed class TargetReportHandler(IUserDirectory users, ITargetRepository targets, ISalesResults results, ChartReplies charts) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var audience = await ReportAudience.ForAsync(context, users, ct);
        var period = TargetPeriods.Of(context.Parsed.Period, context.Parsed.Text, context.Today) ?? TargetPeriod.MonthOf(context.Today);
        var progress = await TargetProgress.BuildAsync(targets, results, audience, context.User, period, ct);
        var text = progress.Render(audience.Whose, context.Today, audience.IsGroup);
        if (progress.GroupTarget is null && progress.People.All(p => p.Target is null))
            text += context.User.Role == UserRole.Rep ? "\n还没有设定目标，请找主管设定。" : "\n还没有设定目标。可以说「张伟12月目标50万」或导入目标表。";
        var bars = progress.Bars();
        return bars.Count < 2 ? [Reply.Markdown(text)]
            : [Reply.Markdown(text), .. charts.Picture("targets.png", $"{audience.Whose}目标完成情况图", c => c.TargetAchievement($"{audience.Whose}目标完成 · {period.Label(context.Today)}", bars))];
    }
}
