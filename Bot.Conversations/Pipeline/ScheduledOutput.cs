namespace Bot.Conversations.Pipeline;

/// <summary>
/// What a scheduled run wants said, and what to record once it is safely queued. Recording after queueing means
/// a crash in between repeats the notices under the same keys (a no-op) instead of losing them.
/// </summary>
public sealed record ScheduledOutput(IReadOnlyList<ScheduledNotice> Notices, Func<CancellationToken, Task>? AfterQueued = null)
{
    public static readonly ScheduledOutput None = new([]);
}
