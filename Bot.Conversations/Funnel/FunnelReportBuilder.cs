using System.Globalization;
using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Reports;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>A funnel report: the summary text, the per-rep × stage lines (paged in chat), and what its charts draw.</summary>
public sealed record FunnelReport(PeriodRange Period, FunnelFigures Figures, PeriodTotals Before, string Summary, IReadOnlyList<ListLine> RepLines, IReadOnlyList<ActivityDay> Days)
{
    public const string RepHeading = "**按销售**（现有 潜在/意向/洽谈｜期内 成交/流失｜跟进·签约）";

    /// <summary>
    /// The funnel chart's bars, 潜在 to 成交: the customers now at that stage or past it, so the bars narrow as a
    /// funnel does (a customer now in 成交 went through every stage before it; lost ones are left out).
    /// </summary>
    public IReadOnlyList<StageBar> Bars
    {
        get
        {
            var open = Figures.Stages.Where(s => s.Stage != FunnelStage.Lost).OrderBy(s => s.Stage).ToList();
            return [.. open.Select((s, i) => new StageBar(s.Stage.ChineseName(), open.Skip(i).Sum(x => x.Now)))];
        }
    }

    /// <summary>The whole report as one text, the per-rep lines capped at <paramref name="most"/> (a pushed message has no 「更多」).</summary>
    public string Text(int most)
    {
        if (RepLines.Count == 0)
            return Summary;
        var text = Summary + "\n" + RepHeading + "\n" + string.Join("\n", RepLines.Take(most).Select(l => l.Text));
        return RepLines.Count > most ? text + $"\n其余 {RepLines.Count - most} 人：发「{Period.Label}漏斗」查看" : text;
    }
}

/// <summary>
/// The funnel and activity report, for "本周漏斗" in chat and for the Monday push alike: the numbers that matter
/// first (customers won, amounts signed and ordered, change), then stages now, new entries, conversion (defined in
/// the report itself), time in stage, activity, follow-ups, and the per-rep × stage lines a manager needs.
/// </summary>
public sealed class FunnelReportBuilder(IFunnelQueries queries)
{
    private static readonly FunnelStage[] Open = [FunnelStage.Lead, FunnelStage.Qualified, FunnelStage.Negotiation];

    public async Task<FunnelReport> BuildAsync(string whose, IReadOnlySet<long>? ownerIds, ReportPeriod period, DateTimeOffset now, bool perRep, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var (current, previous) = PeriodRange.For(period, today);
        // Independent reads, side by side: the report waits for the slowest, not for their sum.
        var figuresRead = queries.FiguresAsync(ownerIds, current.StartAt, current.EndAt, now, perRep, ct);
        var beforeRead = queries.TotalsAsync(ownerIds, previous.StartAt, previous.EndAt, ct);
        var daysRead = queries.DailyActivityAsync(ownerIds, current.StartAt, current.EndAt, ct);
        var (figures, before, days) = (await figuresRead, await beforeRead, await daysRead);
        var summary = Render(whose, current, figures, before);
        // On a Monday this week has barely begun: last week's totals beside it keep the report worth reading.
        if (period == ReportPeriod.ThisWeek && today.DayOfWeek == DayOfWeek.Monday)
            summary += $"\n今天周一，本周刚开始。上周全周：成交客户 {before.WonDeals} · 签约 {ChineseFormat.Money(before.SignedAmount)} · 下单 {ChineseFormat.Money(before.OrderAmount)} · 跟进 {before.Interactions} 次（发「上周漏斗」看完整）";
        // The days still to come are not zeros: the trend and the workbook stop at today.
        return new FunnelReport(current, figures, before, summary, [.. figures.PerRep.Select(r => new ListLine(RepText(r), FunnelReport.RepHeading))],
            [.. days.Where(d => d.Day <= today)]);
    }

    public static string RepText(RepLine rep) =>
        $"· {rep.Name}：潜在 {rep.Lead} · 意向 {rep.Qualified} · 洽谈 {rep.Negotiation}｜成交 {rep.Won} · 流失 {rep.Lost}｜跟进 {rep.Interactions} · 签约 {ChineseFormat.Money(rep.SignedAmount)}";

    public static string Render(string whose, PeriodRange period, FunnelFigures f, PeriodTotals before)
    {
        var text = new StringBuilder();
        text.Append($"**{whose}漏斗 · {period.Label}（{period.Start.Month}/{period.Start.Day}–{period.End.AddDays(-1).Month}/{period.End.AddDays(-1).Day}）**");
        text.Append($"\n成交客户 {f.WonDeals} · 签约 {ChineseFormat.Money(f.SignedAmount)} · 下单 {ChineseFormat.Money(f.OrderAmount)}"
            + $"（{period.PreviousLabel} {before.WonDeals} · {ChineseFormat.Money(before.SignedAmount)} · {ChineseFormat.Money(before.OrderAmount)}）");
        text.Append("\n现在：" + string.Join(" · ", f.Stages.Where(s => s.Stage != FunnelStage.Lost).Select(s => $"{s.Stage.ChineseName()} {s.Now}")));
        text.Append("\n新进：" + string.Join(" · ", f.Stages.Where(s => s.Stage != FunnelStage.Lost).Select(s => $"{s.Stage.ChineseName()} +{s.Entered}")));
        var lost = f.Stages.Single(s => s.Stage == FunnelStage.Lost).Entered;
        if (lost > 0)
            text.Append($" · 流失 {lost}");
        var conversions = Open.Select((stage, i) => (Flow: f.Stages.Single(s => s.Stage == stage), Next: i < 2 ? Open[i + 1] : FunnelStage.Won))
            .Where(x => x.Flow.Present > 0)
            .Select(x => $"{x.Flow.Stage.ChineseName()}→{x.Next.ChineseName()} {Percent(x.Flow.Advanced, x.Flow.Present)}");
        if (conversions.Any())
            text.Append("\n转化：" + string.Join(" · ", conversions) + "\n（转化＝期内到过该阶段的客户中，期内推进到下一阶段或更后的比例）");
        var stays = f.Stages.Where(s => s.AverageDays is not null && Open.Contains(s.Stage))
            .Select(s => $"{s.Stage.ChineseName()} {s.AverageDays!.Value.ToString("0", CultureInfo.InvariantCulture)}天");
        if (stays.Any())
            text.Append("\n平均停留：" + string.Join(" · ", stays));
        var channels = f.InteractionsByChannel.OrderByDescending(c => c.Value).Select(c => $"{c.Key.ChineseName()} {c.Value}");
        text.Append($"\n跟进：{(f.Interactions == 0 ? "无" : string.Join(" · ", channels))}（共 {f.Interactions}，{period.PreviousLabel} {before.Interactions}）");
        if (f.FollowUpsDue > 0)
            text.Append($"\n提醒：到期 {f.FollowUpsDue}，按时完成 {f.FollowUpsOnTime}，逾期未办 {f.FollowUpsOverdue}");
        return text.ToString();
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";
}
