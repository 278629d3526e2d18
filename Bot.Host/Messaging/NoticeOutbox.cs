using Bot.Conversations.Pipeline;

namespace Bot.Host.Messaging;

/// <summary>Puts a scheduled run's notices in the outbox under their keys, then records what the run wanted recorded.</summary>
public sealed class NoticeOutbox(IOutbox outbox, IChannelMessages channel) : INoticeOutbox
{
    public async Task<int> QueueAsync(ScheduledOutput output, CancellationToken ct)
    {
        await outbox.EnqueueAsync([.. output.Notices.Select(n => channel.Notice(n.ToUserId, n.Reply, n.Key))], ct);
        if (output.AfterQueued is { } after)
            await after(ct);
        return output.Notices.Count;
    }
}
