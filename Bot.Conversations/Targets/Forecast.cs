using System.Globalization;
using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Funnel;

namespace Bot.Conversations.Targets;

/// <summary>
/// The forecast for a period: signed so far, plus the open deals expected to sign before the period ends weighted by
/// their stage's probability; the whole open pipeline beside it; and the deals that make up the expectation.
/// </summary>
public sealed record Forecast(PeriodRange Period, decimal WonAmount, int WonDeals, PipelineFigures Pipeline, ForecastOptions Odds, decimal? Target)
{
    private static readonly FunnelStage[] OpenStages = [FunnelStage.Negotiation, FunnelStage.Qualified, FunnelStage.Lead];

    public decimal Weighted(IReadOnlyList<StageSum> sums) => sums.Sum(s => s.Amount * (decimal)Odds.Probability(s.Stage));

    public decimal Expected => WonAmount + Weighted(Pipeline.Closing);

    public string Summary(string whose, DateOnly today)
    {
        var closing = Pipeline.Closing.Where(s => s.Deals > 0).ToList();
        var text = new StringBuilder($"**{whose}销售预测 · {Period.Label}（截至{Period.End.AddDays(-1).Month}月{Period.End.AddDays(-1).Day}日）**");
        text.Append($"\n已签：{ChineseFormat.Money(WonAmount)}（{WonDeals} 单）");
        text.Append($"\n预计期内签约：{closing.Sum(s => s.Deals)} 个商机，金额 {ChineseFormat.Money(closing.Sum(s => s.Amount))}，加权 {ChineseFormat.Money(Weighted(closing))}");
        if (closing.Count > 0)
            text.Append("\n　" + string.Join(" · ", OpenStages.Select(st => closing.FirstOrDefault(s => s.Stage == st)).OfType<StageSum>()
                .Select(s => $"{s.Stage.ChineseName()} {s.Deals} 个 {ChineseFormat.Money(s.Amount)}×{Percent(Odds.Probability(s.Stage))}")));
        text.Append($"\n**预计可达：{ChineseFormat.Money(Expected)}**（已签 + 加权）");
        if (Target is > 0)
            text.Append($"，目标 {ChineseFormat.Money(Target.Value)}，预计完成 {Percent((double)(Expected / Target.Value))}");
        var open = Pipeline.Open.Where(s => s.Deals > 0).ToList();
        text.Append($"\n全部在跟：{open.Sum(s => s.Deals)} 个商机，金额 {ChineseFormat.Money(open.Sum(s => s.Amount))}，加权 {ChineseFormat.Money(Weighted(open))}");
        if (Pipeline.Undated > 0)
            text.Append($"；其中 {Pipeline.Undated} 个没填预计签约日期，不计入期内预测");
        text.Append($"\n（加权＝金额×阶段赢单率：潜在 {Percent(Odds.Lead)}、意向 {Percent(Odds.Qualified)}、洽谈 {Percent(Odds.Negotiation)}）");
        return text.ToString();
    }

    /// <summary>One line per expected deal, soonest first; an overdue date is marked so it gets chased.</summary>
    public IReadOnlyList<ListLine> DealLines(DateOnly today) =>
        [.. Pipeline.ClosingDeals.Select(d => new ListLine(
            $"· {d.ExpectedClose:M/d}{(d.ExpectedClose < today ? "（已过期）" : "")} {(d.Title.Length == 0 ? d.Customer : d.Customer + "·" + d.Title)} "
            + $"{(d.Amount is { } a ? ChineseFormat.Money(a) : "金额未定")} {d.Stage.ChineseName()}{(d.Owner.Length == 0 ? "" : "（" + d.Owner + "）")}",
            "**预计期内签约的商机**"))];

    private static string Percent(double rate) => (100 * rate).ToString("0", CultureInfo.InvariantCulture) + "%";
}
