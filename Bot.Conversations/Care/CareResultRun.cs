using Bot.Conversations.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Conversations.Care;

/// <summary>What one collection run found: greetings confirmed and sent, failed, still waiting, written off, reps reminded.</summary>
public sealed record CareResultSummary(int Sent, int Failed, int Waiting, int Expired, int RepsReminded);

/// <summary>
/// Follows queued greetings to the end: picks up WeCom's msgid from the outbox, asks get_groupmsg_send_result
/// whether the rep confirmed, reminds reps (at most <see cref="CareOptions.MaxReminders"/> times a greeting, only
/// in the daytime window) and writes off greetings nobody confirmed within <see cref="CareOptions.TrackDays"/>.
/// </summary>
public sealed class CareResultRun(
    ICareTracking tracking, ICareDeliveries deliveries, IChannelMessages channel, IOptions<CareOptions> options, ConversationMetrics metrics,
    ILogger<CareResultRun> logger)
{
    /// <summary>get_groupmsg_send_result leaves out customers in add_msg_template's fail_list: not a contact of the sender.</summary>
    private const int NotAFriend = 2;

    public async Task<CareResultSummary> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var o = options.Value;
        await tracking.LinkDispatchedAsync(now, ct);
        var awaiting = await tracking.AwaitingAsync(ct);
        var results = new List<CareSendResult>();
        foreach (var group in awaiting.GroupBy(a => (a.MsgId, a.RepUserId)))
        {
            // The next run asks again; one unreadable msgid must not hold up the others.
            if (await deliveries.ForAsync(group.Key.MsgId, group.Key.RepUserId, ct) is not { } statuses)
                continue;
            var byCustomer = statuses.GroupBy(s => s.ExternalUserId).ToDictionary(g => g.Key, g => g.Max(s => s.Status));
            results.AddRange(group.Select(task => new CareSendResult(task.Id, byCustomer.GetValueOrDefault(task.ExternalUserId, NotAFriend))));
        }
        await tracking.RecordAsync(results, ct);
        var expired = await tracking.ExpireAsync(now - TimeSpan.FromDays(o.TrackDays), ct);
        var waitingIds = results.Where(r => r.SendStatus == 0).Select(r => r.TaskId).ToHashSet();
        var reminded = o.Window.IsOpen(now) ? await RemindAsync(awaiting.Where(a => waitingIds.Contains(a.Id) && a.QueuedAt > (now - TimeSpan.FromDays(o.TrackDays)).UtcDateTime), now, o, ct) : 0;
        var summary = new CareResultSummary(results.Count(r => r.SendStatus == 1), results.Count(r => r.SendStatus > 1), waitingIds.Count, expired, reminded);
        metrics.CareGreetings("confirmed", summary.Sent);
        metrics.CareGreetings("failed", summary.Failed);
        metrics.CareGreetings("unconfirmed", summary.Expired);
        logger.LogInformation("Care results: {Sent} sent, {Failed} failed, {Waiting} waiting, {Expired} unconfirmed, {Reminded} reps reminded",
            summary.Sent, summary.Failed, summary.Waiting, summary.Expired, summary.RepsReminded);
        return summary;
    }

    private async Task<int> RemindAsync(IEnumerable<AwaitingCare> waiting, DateTimeOffset now, CareOptions o, CancellationToken ct)
    {
        var after = TimeSpan.FromHours(o.RemindAfterHours);
        var due = waiting.Where(t => t.RemindersSent < o.MaxReminders && now.UtcDateTime - (t.LastRemindedAt ?? t.QueuedAt) >= after);
        var reps = 0;
        foreach (var rep in due.GroupBy(t => t.RepUserId))
        {
            var round = rep.Max(t => t.RemindersSent) + 1;
            var counts = rep.GroupBy(t => CareOccasions.FromKey(t.Occasion)).ToDictionary(g => g.Key, g => g.Count());
            var note = channel.Notice(rep.Key, CareNotes.Reminder(counts, last: round >= o.MaxReminders), $"care:remind:{rep.Key}:{rep.Min(t => t.Id)}:{round}");
            await tracking.RemindAsync([.. rep.Select(t => t.Id)], note, now, ct);
            reps++;
        }
        return reps;
    }
}
