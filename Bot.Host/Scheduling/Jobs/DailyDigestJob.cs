using Bot.Conversations.Digest;
using Bot.Conversations.Reminders;
using Bot.Conversations.Team;
using Microsoft.Extensions.Options;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every morning: each rep's digest (when there is something to say), then overdue follow-ups escalated to managers.</summary>
public sealed class DailyDigestJob(
    DailyDigestBuilder digests, OverdueEscalation escalation, IUserDirectory users, NoticeOutbox outbox, IOptions<SchedulingOptions> options) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sent = 0;
        foreach (var member in (await users.ListActiveAsync(ct)).Where(u => u.Role == UserRole.Rep))
        {
            if (await digests.BuildAsync(member, now, ct) is { } digest)
                sent += await outbox.QueueAsync(new([digest]), ct);
        }
        var escalated = await outbox.QueueAsync(await escalation.RunAsync(now, options.Value.EscalateAfterOverdueDays, ct), ct);
        return $"{sent} 份日报，{escalated} 条逾期上报";
    }
}
