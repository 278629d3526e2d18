namespace Bot.Conversations.Pipeline;

/// <summary>
/// Where a scheduled run's notices go to be sent (the host renders them for WeCom and puts them in the outbox under
/// their keys), before what the run wanted recorded is recorded.
/// </summary>
public interface INoticeOutbox
{
    /// <returns>How many notices were queued.</returns>
    Task<int> QueueAsync(ScheduledOutput output, CancellationToken ct);
}
