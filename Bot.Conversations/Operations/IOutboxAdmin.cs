using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Operations;

public sealed record OutboxSummary(string Status, long Count, DateTime? Oldest);

/// <summary>What `outbox status` and `outbox retry` show and do.</summary>
public interface IOutboxAdmin
{
    Task<IReadOnlyList<OutboxSummary>> SummaryAsync(CancellationToken ct);

    /// <summary>Messages waiting now, counted by why: a per-minute limit, the care window, a failure being retried.</summary>
    Task<IReadOnlyList<(string Why, long Count, DateTime Until)>> WaitingAsync(CancellationToken ct);

    Task<IReadOnlyList<OutboxRow>> RecentAsync(string[] statuses, int limit, CancellationToken ct);

    /// <returns>False unless the message was parked.</returns>
    Task<bool> RequeueAsync(long id, CancellationToken ct);
}
