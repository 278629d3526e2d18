using Bot.Conversations.Customers;

namespace Bot.Conversations.Reminders;

/// <summary>A live customer with an active owner, not lost, and no open follow-up.</summary>
public sealed record CadenceCandidate(
    long CustomerId, string Name, long OwnerId, FunnelStage Stage, CustomerTier? Tier, DateTimeOffset StageChangedAt, DateTimeOffset? LastInteractionAt);

public interface ICadenceQueries
{
    Task<IReadOnlyList<CadenceCandidate>> ListWithoutFollowUpAsync(CancellationToken ct);

    /// <summary>Per owner, how many cadence follow-ups are already due in [<paramref name="dueFrom"/>, <paramref name="dueUntil"/>).</summary>
    Task<IReadOnlyDictionary<long, int>> CountPlannedAsync(DateTimeOffset dueFrom, DateTimeOffset dueUntil, CancellationToken ct);
}
