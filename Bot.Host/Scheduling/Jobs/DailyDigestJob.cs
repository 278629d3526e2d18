using Bot.Conversations.Digest;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reminders;
using Bot.Conversations.Team;
using Microsoft.Extensions.Options;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every morning: each member's digest (when there is something to say), then overdue follow-ups escalated to managers.</summary>
public sealed class DailyDigestJob(
    DailyDigestBuilder digests, OverdueEscalation escalation, IUserDirectory users, INoticeOutbox outbox, IOptions<SchedulingOptions> options) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sent = 0;
        // Managers and admins who follow customers of their own get theirs too; the rest hear nothing.
        foreach (var member in await users.ListActiveAsync(ct))
        {
            if (await digests.BuildAsync(member, now, ct) is { } digest)
                sent += await outbox.QueueAsync(new([digest]), ct);
        }
        var escalated = await outbox.QueueAsync(await escalation.RunAsync(now, options.Value.EscalateAfterOverdueDays, ct), ct);
        return $"{sent} 份日报，{escalated} 条逾期上报";
    }
}
