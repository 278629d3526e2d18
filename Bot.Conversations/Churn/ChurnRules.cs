using Bot.Conversations.Customers;

namespace Bot.Conversations.Churn;

/// <summary>What the churn scan knows about one customer.</summary>
public sealed record ChurnFacts(
    long CustomerId,
    string Name,
    long? OwnerId,
    string? OwnerName,
    FunnelStage Stage,
    DateOnly? LastOrderOn,
    double? UsualDaysBetweenOrders,
    DateOnly? LastInteractionOn,
    int ComplaintsLast30Days,
    DateOnly? RemovedRepOn);

public enum ChurnSignal
{
    RemovedRep,
    Complaint,
    NoOrder180Days,
    NoOrder90Days,
    RhythmHalved,
    NoContact60Days,
}

public sealed record ChurnFinding(ChurnSignal Signal, string Reason, string WinBack);

/// <summary>How urgent a customer is: the strongest signal first, then the one with more findings.</summary>
public readonly record struct ChurnRank(ChurnSignal Strongest, int Findings)
{
    public static readonly IComparer<ChurnRank> MostUrgentFirst = Comparer<ChurnRank>.Create((a, b) =>
        a.Strongest != b.Strongest ? a.Strongest.CompareTo(b.Strongest) : b.Findings.CompareTo(a.Findings));
}

/// <summary>
/// The guides' churn signals, strongest first: the customer removed the rep on WeChat, a complaint in the last
/// 30 days, no order for 180 days (downgrade) or 90 days (warning), ordering at less than half the usual
/// rhythm, and no contact for 60 days with an active customer. Each comes with the guides' win-back step.
/// </summary>
public static class ChurnRules
{
    public static IReadOnlyList<ChurnFinding> Evaluate(ChurnFacts facts, DateOnly today)
    {
        var findings = new List<ChurnFinding>();
        if (facts.Stage == FunnelStage.Lost)
            return findings;
        if (facts.RemovedRepOn is { } removed)
            findings.Add(new(ChurnSignal.RemovedRep, $"{removed.Month}月{removed.Day}日删除了销售的企业微信", "尽快电话了解原因，必要时请经理出面回访"));
        if (facts.ComplaintsLast30Days > 0)
            findings.Add(new(ChurnSignal.Complaint, $"近30天投诉{facts.ComplaintsLast30Days}次", "按投诉四步处理：倾听、道歉、解决、回访确认满意"));
        if (facts.LastOrderOn is { } lastOrder)
        {
            var quiet = today.DayNumber - lastOrder.DayNumber;
            if (quiet >= 180)
                findings.Add(new(ChurnSignal.NoOrder180Days, $"{quiet}天没下单", "降为C类跟进，请经理出面回访，了解原因后给出挽回方案"));
            else if (quiet >= 90)
                findings.Add(new(ChurnSignal.NoOrder90Days, $"{quiet}天没下单", "打电话了解近况，推荐新品或专属优惠，促成复购"));
            else if (facts.UsualDaysBetweenOrders is { } usual && usual > 0 && quiet > 2 * usual)
                findings.Add(new(ChurnSignal.RhythmHalved, $"平时约{usual:0}天下一次单，这次已{quiet}天", "调研原因（价格、服务还是需求变化），给出定制方案"));
        }
        var silent = facts.LastInteractionOn is { } touched ? today.DayNumber - touched.DayNumber : int.MaxValue;
        if (silent >= 60 && facts.Stage != FunnelStage.Lead)
            findings.Add(new(ChurnSignal.NoContact60Days, silent == int.MaxValue ? "从没跟进过" : $"{silent}天没联系", "本周内安排一次电话或拜访，保持联系"));
        return findings;
    }

    /// <summary>The rank of a customer's findings; null when there are none.</summary>
    public static ChurnRank? Rank(IReadOnlyList<ChurnFinding> findings) =>
        findings.Count == 0 ? null : new ChurnRank(findings.Min(f => f.Signal), findings.Count);
}
