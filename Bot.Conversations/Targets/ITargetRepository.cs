namespace Bot.Conversations.Targets;

public interface ITargetRepository
{
    /// <summary>Sets (or replaces) a target; returns the one it replaced, for undo.</summary>
    Task<SalesTarget?> SetAsync(SalesTarget target, CancellationToken ct);

    /// <summary>Removes the target of that user, scope and period (undo of a first target).</summary>
    Task RemoveAsync(long userId, TargetScope scope, TargetPeriod period, CancellationToken ct);

    /// <summary>The targets of <paramref name="userIds"/> for exactly this period.</summary>
    Task<IReadOnlyList<SalesTarget>> ListAsync(IReadOnlyCollection<long> userIds, TargetPeriod period, CancellationToken ct);
}
