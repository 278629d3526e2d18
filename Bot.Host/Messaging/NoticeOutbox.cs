using Bot.Conversations.Pipeline;
using Bot.Host.WeCom;

namespace Bot.Host.Messaging;

/// <summary>Puts a scheduled run's notices in the outbox under their keys, then records what the run wanted recorded.</summary>
public sealed class NoticeOutbox(IOutbox outbox) : INoticeOutbox
{
    public async Task<int> QueueAsync(ScheduledOutput output, CancellationToken ct)
    {
        await outbox.EnqueueAsync([.. output.Notices.Select(n => AppMessageRenderer.Render(n.ToUserId, n.Reply, n.Key))], ct);
        if (output.AfterQueued is { } after)
            await after(ct);
        return output.Notices.Count;
    }
}
