using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reminders;

/// <summary>
/// What the rep and the manager hear about an assigned follow-up: the rep when it is given, the manager when it is
/// done (however the rep closed it: 做完了, the card's 完成, or logging the interaction with that customer). Queued
/// in the message's own transaction under keys of the reminder, so a retry never tells anyone twice.
/// </summary>
public sealed class AssignmentNotices(IUserDirectory users, INoticeOutbox outbox)
{
    public Task AssignedAsync(Reminder reminder, SalesUser manager, SalesUser rep, string task, DateOnly today, CancellationToken ct) =>
        outbox.QueueAsync(new ScheduledOutput([new ScheduledNotice($"assign:given:{reminder.Id}", rep.WeComUserId, Reply.Plain(
            $"{manager.Name}给你安排了一项跟进：{task}（{ChineseFormat.DayAndTime(reminder.DueAt, today)}）。到时会提醒你；"
            + $"做完后直接记录跟进情况，或说「{reminder.CustomerName}的跟进做完了」，我会告诉{manager.Name}。"))]), ct);

    /// <param name="how">What the rep logged, when the follow-up was done by logging an interaction.</param>
    public async Task DoneAsync(IEnumerable<Reminder> done, SalesUser rep, DateTimeOffset at, string? how, CancellationToken ct)
    {
        var notices = new List<ScheduledNotice>();
        foreach (var reminder in done.Where(r => r.AssignedBy is not null))
        {
            if (await users.GetAsync(reminder.AssignedBy!.Value, ct) is not { Active: true } manager)
                continue;
            var time = ChinaTime.ToChina(at);
            var text = $"{rep.Name}已完成你安排的跟进：{reminder.CustomerName}（{time:M月d日 HH:mm}）。" + (how is null ? "" : $"\n{how}");
            notices.Add(new ScheduledNotice($"assign:done:{reminder.Id}:{time:yyyyMMddHHmm}", manager.WeComUserId, Reply.Plain(text)));
        }
        if (notices.Count > 0)
            await outbox.QueueAsync(new ScheduledOutput(notices), ct);
    }
}
