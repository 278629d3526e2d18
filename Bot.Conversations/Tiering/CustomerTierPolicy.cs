using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Microsoft.Extensions.Options;

namespace Bot.Conversations.Tiering;

/// <summary>
/// The guides' classification, as a pure function of the facts: ABC by the last twelve months' amount (a
/// strategic/benchmark customer is A regardless), RFM scores and segments, and the value–potential quadrant.
/// </summary>
public sealed class CustomerTierPolicy(IOptions<TieringOptions> options)
{
    public TierAssessment Assess(CustomerFacts facts, DateOnly today)
    {
        var o = options.Value;
        var reasons = new List<string>();
        CustomerTier tier;
        if (facts.YearAmount >= o.TierAMinimum)
        {
            tier = CustomerTier.A;
            reasons.Add($"近12个月合作{ChineseFormat.Money(facts.YearAmount)}（≥{ChineseFormat.Money(o.TierAMinimum)}）");
        }
        else if (facts.Strategic)
        {
            tier = CustomerTier.A;
            reasons.Add("标杆/战略客户，按A类服务");
        }
        else if (facts.YearAmount >= o.TierBMinimum)
        {
            tier = CustomerTier.B;
            reasons.Add($"近12个月合作{ChineseFormat.Money(facts.YearAmount)}（{ChineseFormat.Money(o.TierBMinimum)}–{ChineseFormat.Money(o.TierAMinimum)}）");
        }
        else
        {
            tier = CustomerTier.C;
            reasons.Add(facts.YearAmount > 0 ? $"近12个月合作{ChineseFormat.Money(facts.YearAmount)}（<{ChineseFormat.Money(o.TierBMinimum)}）" : "近12个月没有订单");
        }
        if (facts.OrdersLast90Days >= 2)
            reasons.Add($"近90天下单{facts.OrdersLast90Days}次");

        var rfm = Rfm(facts, today);
        return new TierAssessment(tier, rfm, Segment(rfm), Quadrant(facts, tier, rfm, today), reasons);
    }

    public RfmScore Rfm(CustomerFacts facts, DateOnly today)
    {
        var o = options.Value;
        var days = facts.LastOrderOn is { } last ? today.DayNumber - last.DayNumber : int.MaxValue;
        var recency = days <= o.RecencyDays[0] ? 5 : days <= o.RecencyDays[1] ? 4 : days <= o.RecencyDays[2] ? 3 : days <= o.RecencyDays[3] ? 2 : 1;
        var frequency = Score(facts.YearOrders, o.FrequencyOrders.Select(f => (decimal)f).ToArray());
        var monetary = Score(facts.YearAmount, o.MonetaryAmounts);
        return new RfmScore(recency, frequency, monetary);
    }

    /// <summary>
    /// The scores in a rep's words, with the guides' cut-offs: 最近一次下单在30天内、一年下单10次以上、一年金额10万以上.
    /// </summary>
    public string Explain(RfmScore rfm)
    {
        var o = options.Value;
        var recency = rfm.Recency switch
        {
            1 => $"超过{o.RecencyDays[3]}天没下单",
            var r => $"最近一次下单在{o.RecencyDays[5 - r]}天内",
        };
        var frequency = rfm.Frequency switch
        {
            1 => $"一年下单不到{o.FrequencyOrders[3]}次",
            var f => $"一年下单{o.FrequencyOrders[5 - f]}次以上",
        };
        var monetary = rfm.Monetary switch
        {
            1 => $"一年金额不到{Common.ChineseFormat.Money(o.MonetaryAmounts[3])}",
            var m => $"一年金额{Common.ChineseFormat.Money(o.MonetaryAmounts[5 - m])}以上",
        };
        return $"{recency}、{frequency}、{monetary}";
    }

    /// <summary>重要 when M is high, then 价值/保持/发展/挽留 by whether R and F are high.</summary>
    public string Segment(RfmScore rfm)
    {
        var high = options.Value.HighScore;
        var (r, f, m) = (rfm.Recency >= high, rfm.Frequency >= high, rfm.Monetary >= high);
        var kind = (r, f) switch
        {
            (true, true) => "价值",
            (false, true) => "保持",
            (true, false) => "发展",
            _ => "挽留",
        };
        return (m ? "重要" : "一般") + kind + "客户";
    }

    /// <summary>
    /// 明星 / 现金牛 / 潜力 / 长尾: value is A tier or a high M score; potential needs two of four signals —
    /// a large company, an open deal in progress, contact in the last 30 days, a growth flag.
    /// </summary>
    public string Quadrant(CustomerFacts facts, CustomerTier tier, RfmScore rfm, DateOnly today)
    {
        var value = tier == CustomerTier.A || rfm.Monetary >= options.Value.HighScore + 1;
        var signals = 0;
        if (IsLarge(facts.Size))
            signals++;
        if (facts.Stage is FunnelStage.Qualified or FunnelStage.Negotiation)
            signals++;
        if (facts.LastInteractionOn is { } touched && today.DayNumber - touched.DayNumber <= 30)
            signals++;
        if (facts.GrowthFlag)
            signals++;
        var potential = signals >= 2;
        return (value, potential) switch
        {
            (true, true) => "明星",
            (true, false) => "现金牛",
            (false, true) => "潜力",
            _ => "长尾",
        };
    }

    private static int Score(decimal value, decimal[] cuts) =>
        value >= cuts[0] ? 5 : value >= cuts[1] ? 4 : value >= cuts[2] ? 3 : value >= cuts[3] ? 2 : 1;

    private static bool IsLarge(string? size) =>
        size is not null && (size.Contains("1000", StringComparison.Ordinal) || size.Contains("500-", StringComparison.Ordinal)
            || size.Contains("大型", StringComparison.Ordinal) || size.Contains("集团", StringComparison.Ordinal));
}
