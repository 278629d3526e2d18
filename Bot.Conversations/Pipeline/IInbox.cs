namespace Bot.Conversations.Pipeline;

/// <summary>
/// The durable inbox: a callback is acknowledged only once its message is stored here, and workers in any process
/// claim messages under a lease and handle each exactly once.
/// </summary>
public interface IInbox
{
    /// <returns>The new message's id, or null when its key was seen before (WeCom delivering it again).</returns>
    Task<long?> RecordAsync(string channel, string messageKey, string fromUser, string msgType, string payloadJson, string? traceParent, CancellationToken ct);

    Task<IReadOnlyList<InboundMessage>> ClaimAsync(int batch, TimeSpan lease, string host, CancellationToken ct);

    /// <summary>Frees the leases a host held when it stopped, so its messages are taken at once.</summary>
    Task<int> ReleaseOwnAsync(string host, CancellationToken ct);

    /// <summary>Claimed by a stopping host and never started: back to the queue without spending an attempt.</summary>
    Task<int> ReturnUnstartedAsync(long[] ids, string host, CancellationToken ct);

    /// <summary>Locks the claimed message for the caller's transaction; false when this attempt is no longer its latest.</summary>
    Task<bool> HoldAsync(long id, int attempt, CancellationToken ct);

    /// <summary>Queues the replies and marks the message done, in the caller's transaction when there is one.</summary>
    Task CompleteAsync(long id, IReadOnlyList<OutgoingMessage> replies, CancellationToken ct);

    Task FailAsync(long id, string lastError, int maxAttempts, TimeSpan retryAfter, CancellationToken ct);
}
