using System.Globalization;
using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>
/// The funnel and activity report, for "本周漏斗" in chat and for the Monday push alike: the numbers that matter
/// first (deals, amount, change), then stages now, new entries, conversion, time in stage, activity, follow-ups,
/// and the per-rep lines a manager needs. Markdown that reads on a phone.
/// </summary>
public sealed class FunnelReportBuilder(IFunnelQueries queries)
{
    private static readonly FunnelStage[] Open = [FunnelStage.Lead, FunnelStage.Qualified, FunnelStage.Negotiation];

    public async Task<string> BuildAsync(string whose, IReadOnlySet<long>? ownerIds, ReportPeriod period, DateTimeOffset now, bool perRep, CancellationToken ct)
    {
        var (current, previous) = PeriodRange.For(period, ChinaTime.DateOf(now));
        var figures = await queries.FiguresAsync(ownerIds, current.StartAt, current.EndAt, now, perRep, ct);
        var before = await queries.TotalsAsync(ownerIds, previous.StartAt, previous.EndAt, ct);
        return Render(whose, current, figures, before);
    }

    public static string Render(string whose, PeriodRange period, FunnelFigures f, PeriodTotals before)
    {
        var text = new StringBuilder();
        text.Append($"**{whose}漏斗 · {period.Label}（{period.Start.Month}/{period.Start.Day}–{period.End.AddDays(-1).Month}/{period.End.AddDays(-1).Day}）**");
        text.Append($"\n成交 {f.WonDeals} 单 · 下单 {ChineseFormat.Money(f.OrderAmount)}（{period.PreviousLabel} {before.WonDeals} 单 · {ChineseFormat.Money(before.OrderAmount)}）");
        text.Append("\n现在：" + string.Join(" · ", f.Stages.Where(s => s.Stage != FunnelStage.Lost).Select(s => $"{s.Stage.ChineseName()} {s.Now}")));
        text.Append("\n新进：" + string.Join(" · ", f.Stages.Where(s => s.Stage != FunnelStage.Lost).Select(s => $"{s.Stage.ChineseName()} +{s.Entered}")));
        var lost = f.Stages.Single(s => s.Stage == FunnelStage.Lost).Entered;
        if (lost > 0)
            text.Append($" · 流失 {lost}");
        var conversions = Open.Select((stage, i) => (Flow: f.Stages.Single(s => s.Stage == stage), Next: i < 2 ? Open[i + 1] : FunnelStage.Won))
            .Where(x => x.Flow.Present > 0)
            .Select(x => $"{x.Flow.Stage.ChineseName()}→{x.Next.ChineseName()} {Percent(x.Flow.Advanced, x.Flow.Present)}");
        if (conversions.Any())
            text.Append("\n转化：" + string.Join(" · ", conversions));
        var stays = f.Stages.Where(s => s.AverageDays is not null && Open.Contains(s.Stage))
            .Select(s => $"{s.Stage.ChineseName()} {s.AverageDays!.Value.ToString("0", CultureInfo.InvariantCulture)}天");
        if (stays.Any())
            text.Append("\n平均停留：" + string.Join(" · ", stays));
        var channels = f.InteractionsByChannel.OrderByDescending(c => c.Value).Select(c => $"{c.Key.ChineseName()} {c.Value}");
        text.Append($"\n跟进：{(f.Interactions == 0 ? "无" : string.Join(" · ", channels))}（共 {f.Interactions}，{period.PreviousLabel} {before.Interactions}）");
        if (f.FollowUpsDue > 0)
            text.Append($"\n提醒：到期 {f.FollowUpsDue}，按时完成 {f.FollowUpsOnTime}，逾期未办 {f.FollowUpsOverdue}");
        if (f.PerRep.Count > 0)
        {
            text.Append("\n**按销售**");
            foreach (var rep in f.PerRep)
                text.Append($"\n· {rep.Name}：成交 {rep.Won} · 跟进 {rep.Interactions} · 下单 {ChineseFormat.Money(rep.OrderAmount)}");
        }
        return text.ToString();
    }

    private static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";
}
