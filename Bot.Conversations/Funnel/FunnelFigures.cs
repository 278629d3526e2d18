using Bot.Conversations.Customers;

namespace Bot.Conversations.Funnel;

public sealed record StageFlow(FunnelStage Stage, int Now, int Entered, int Present, int Advanced, double? AverageDays);

/// <summary>
/// One rep's row of the per-rep × stage table: customers in each open stage now, customers won and lost in the
/// period, interactions in the period, and amounts signed (won deals) and ordered in it.
/// </summary>
public sealed record RepLine(string Name, int Lead, int Qualified, int Negotiation, int Won, int Lost, int Interactions, decimal SignedAmount, decimal OrderAmount);

/// <summary>Everything the funnel and activity report shows for one scope and one period.</summary>
public sealed record FunnelFigures(
    IReadOnlyList<StageFlow> Stages,
    int WonDeals,
    decimal SignedAmount,
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
public sealed record PeriodTotals(int WonDeals, decimal SignedAmount, decimal OrderAmount, int Interactions);

public interface IFunnelQueries
{
    Task<PeriodTotals> TotalsAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct);

    /// <summary>The figures for customers of <paramref name="ownerIds"/> (null: everyone's) in [from, until).</summary>
    Task<FunnelFigures> FiguresAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, bool perRep, CancellationToken ct);

    /// <summary>The per-rep × stage table alone: every active rep of <paramref name="ownerIds"/> (null: every rep), best first.</summary>
    Task<IReadOnlyList<RepLine>> PerRepAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct);

    /// <summary>Interactions and customers won per Shanghai day in [from, until), every day present (0 when none).</summary>
    Task<IReadOnlyList<Reports.ActivityDay>> DailyActivityAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct);
}
