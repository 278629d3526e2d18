using Bot.Conversations.Customers;

namespace Bot.Conversations.Targets;

/// <summary>What one owner signed in a period: the won deals' amounts and how many.</summary>
public sealed record SignedTotal(long OwnerId, decimal Amount, int Deals);

/// <summary>Open deals of one stage: how many and their amounts (a deal with no amount counts, adding nothing).</summary>
public sealed record StageSum(FunnelStage Stage, int Deals, decimal Amount);

/// <summary>One open deal as a forecast lists it.</summary>
public sealed record OpenDealLine(long DealId, string Customer, string Title, string Owner, decimal? Amount, DateOnly? ExpectedClose, FunnelStage Stage);

/// <summary>
/// The open pipeline of a scope: every open deal by stage, those expected to close before the period's end (overdue
/// ones included — they are still expected), how many have no date, and the expected deals themselves, soonest first.
/// </summary>
public sealed record PipelineFigures(IReadOnlyList<StageSum> Open, IReadOnlyList<StageSum> Closing, int Undated, IReadOnlyList<OpenDealLine> ClosingDeals);

/// <summary>Signed amounts and the open pipeline, for targets, forecasts and the funnel's amounts.</summary>
public interface ISalesResults
{
    /// <summary>Won deals closed in [from, until), per owner of <paramref name="ownerIds"/> (null: everyone).</summary>
    Task<IReadOnlyList<SignedTotal>> SignedAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct);

    /// <param name="closingBefore">The end of the forecast period (exclusive).</param>
    /// <param name="most">The most deals listed in <see cref="PipelineFigures.ClosingDeals"/>.</param>
    Task<PipelineFigures> PipelineAsync(IReadOnlySet<long>? ownerIds, DateOnly closingBefore, int most, CancellationToken ct);
}
