namespace Bot.Conversations.Pipeline;

/// <summary>
/// A fast first check for repeated deliveries (WeCom retries a callback that was slow to answer).
/// The unique key in PostgreSQL remains the final word; this only saves the round trip.
/// </summary>
public interface IMessageDeduplicator
{
    /// <summary>True the first time <paramref name="messageKey"/> is seen within <paramref name="window"/>.</summary>
    Task<bool> TryMarkSeenAsync(string messageKey, TimeSpan window, CancellationToken ct);
}
