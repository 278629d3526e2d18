using Bot.Conversations.Customers;

namespace Bot.Conversations.Funnel;

public sealed record StageFlow(FunnelStage Stage, int Now, int Entered, int Present, int Advanced, double? AverageDays);

public sealed record RepLine(string Name, int Interactions, int Won, decimal OrderAmount);

/// <summary>Everything the funnel and activity report shows for one scope and one period.</summary>
public sealed record FunnelFigures(
    IReadOnlyList<StageFlow> Stages,
    int WonDeals,
    decimal OrderAmount,
    int OrderCount,
    IReadOnlyDictionary<InteractionChannel, int> InteractionsByChannel,
    int FollowUpsDue,
    int FollowUpsOnTime,
    int FollowUpsOverdue,
    IReadOnlyList<RepLine> PerRep)
{
    public int Interactions => InteractionsByChannel.Values.Sum();
}

/// <summary>The few totals a report compares with the period before.</summary>
public sealed record PeriodTotals(int WonDeals, decimal OrderAmount, int Interactions);

public interface IFunnelQueries
{
    Task<PeriodTotals> TotalsAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct);

    /// <summary>The figures for customers of <paramref name="ownerIds"/> (null: everyone's) in [from, until).</summary>
    Task<FunnelFigures> FiguresAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, bool perRep, CancellationToken ct);
}
