namespace Bot.Conversations.Pipeline;

/// <summary>
/// Everything the bot says goes through here first: enqueued under idempotency keys, claimed by dispatchers in any
/// process under a lease, and recorded as sent, retried later, held for a limit or window, or parked.
/// </summary>
public interface IOutbox
{
    Task EnqueueAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken ct);

    Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(int batch, TimeSpan lease, string host, CancellationToken ct);

    /// <summary>At start: what this host was sending when it stopped goes back to the queue now; returns how many.</summary>
    Task<int> ReleaseOwnAsync(string host, CancellationToken ct);

    /// <summary>Extends the claim just before sending; false when the row has been claimed again since.</summary>
    Task<bool> RenewAsync(long id, int attempts, TimeSpan lease, CancellationToken ct);

    /// <summary>Claimed by a stopping host and never tried: back to the queue without spending an attempt.</summary>
    Task ReturnUnsentAsync(long[] ids, CancellationToken ct);

    Task MarkSentAsync(long id, string? msgId, CancellationToken ct);

    Task RetryLaterAsync(long id, string lastError, TimeSpan after, CancellationToken ct);

    /// <summary>Holds the message until <paramref name="until"/> for <paramref name="reason"/> (not a failed attempt).</summary>
    Task DeferAsync(long id, DateTimeOffset until, string reason, CancellationToken ct);

    Task ParkAsync(long id, string lastError, CancellationToken ct);
}
