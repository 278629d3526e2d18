using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Tiering;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>
/// Every night (and `scripts/bot tiers`): re-tier the book and tell owners whose customers moved. The key holds
/// a digest of the text: a second run the same day with other changes is news, the same changes are not.
/// </summary>
public sealed class NightlyTiersJob(TierRecompute recompute, INoticeOutbox outbox) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var result = await recompute.RunAsync(ct);
        var today = ChinaTime.DateOf(now);
        await outbox.QueueAsync(new ScheduledOutput([.. result.Notices.Select(n => new ScheduledNotice($"tiers:{today:yyyy-MM-dd}:{n.ToUserId}:{TextKey.Of(n.Reply.Text)}", n.ToUserId, n.Reply))]), ct);
        return $"已重新分级 {result.Customers} 个客户，其中 {result.Changed} 个分级有变化，通知 {result.Notices.Count} 位负责人";
    }
}
