using Bot.Conversations.Funnel;
using Bot.Conversations.Pipeline;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Monday morning: each manager's team funnel for last week against the week before.</summary>
public sealed class WeeklyFunnelJob(WeeklyFunnelPush push, INoticeOutbox outbox) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct) =>
        $"{await outbox.QueueAsync(await push.RunAsync(now, ct), ct)} 份周报";
}
