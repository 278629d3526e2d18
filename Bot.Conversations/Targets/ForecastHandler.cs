using Bot.Conversations.Dialogs;
using Bot.Conversations.Funnel;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Microsoft.Extensions.Options;

namespace Bot.Conversations.Targets;

/// <summary>
/// "本月能签多少" / "这季度pipeline" / "手上在跟的商机": the forecast for the month (or the quarter or next month
/// asked) of the user, a named member or the team, with the deals behind it, ten to a page.
/// </summary>
public sealed class ForecastHandler(IUserDirectory users, ISalesResults results, ITargetRepository targets, IOptions<ForecastOptions> odds) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var audience = await ReportAudience.ForAsync(context, users, ct);
        var forecast = await BuildAsync(results, targets, odds.Value, audience, context.User, context.Parsed.Period, context.Today, ct);
        var lines = forecast.DealLines(context.Today);
        var summary = forecast.Summary(audience.Whose, context.Today);
        return lines.Count == 0
            ? [Reply.Markdown(summary + "\n期内没有预计签约的商机。记商机可以说「华东精密二期，预计15万，12月底签」。")]
            : await ListPages.ShowAsync(context.Dialog, summary, "预计期内签约的商机", lines, context.Now, ct);
    }

    /// <summary>Month unless a quarter or next month is asked; weeks and years have no forecast of their own.</summary>
    public static async Task<Forecast> BuildAsync(
        ISalesResults results, ITargetRepository targets, ForecastOptions odds, ReportAudience audience, SalesUser? viewer, ReportPeriod? asked, DateOnly today, CancellationToken ct)
    {
        var period = asked is ReportPeriod.ThisQuarter or ReportPeriod.NextMonth or ReportPeriod.NextQuarter ? asked.Value : ReportPeriod.ThisMonth;
        var range = PeriodRange.For(period, today).Current;
        var targetPeriod = period is ReportPeriod.ThisQuarter or ReportPeriod.NextQuarter ? TargetPeriod.QuarterOf(range.Start) : TargetPeriod.MonthOf(range.Start);
        // The target's period is the forecast's own month or quarter, so its progress already holds what was signed.
        var pipelineRead = results.PipelineAsync(audience.OwnerIds, range.End, ListPages.Most, ct);
        var progressRead = TargetProgress.BuildAsync(targets, results, audience, viewer, targetPeriod, ct);
        var (pipeline, progress) = (await pipelineRead, await progressRead);
        return new Forecast(range, progress.GroupSignedAmount, progress.GroupDeals, pipeline, odds, progress.GroupTarget);
    }
}
