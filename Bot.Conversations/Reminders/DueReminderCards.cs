using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reminders;

/// <summary>
/// At a follow-up's due minute the rep gets a card with 完成 / 推迟1天 / 推迟1周 (see <see cref="ReminderButtons"/>).
/// Only reminders that fell due within the look-back get a card; older ones are the morning digest's business.
/// </summary>
public sealed class DueReminderCards(IReminderRepository reminders, IUserDirectory users)
{
    public async Task<ScheduledOutput> RunAsync(DateTimeOffset now, TimeSpan lookBack, CancellationToken ct)
    {
        var due = await reminders.ListDueWithoutCardAsync(now - lookBack, now, ct);
        if (due.Count == 0)
            return ScheduledOutput.None;
        var today = ChinaTime.DateOf(now);
        var notices = new List<ScheduledNotice>();
        foreach (var byRep in due.GroupBy(r => r.RepId))
        {
            if (await users.GetAsync(byRep.Key, ct) is not { Active: true } rep)
                continue;
            notices.AddRange(byRep.Select(r => Card(r, rep.WeComUserId, today)));
        }
        return new ScheduledOutput(notices, token => reminders.MarkCardSentAsync(due, token));
    }

    public static ScheduledNotice Card(Reminder reminder, string repUserId, DateOnly today)
    {
        var reply = new Reply(ReplyKind.Card, $"{reminder.Describe()}\n{ChineseFormat.DayAndTime(reminder.DueAt, today)}", "该跟进了",
            ReminderButtons.For(reminder.Id));
        // The due time is part of the key: a postponed reminder deserves a new card when its new time comes.
        return new ScheduledNotice($"reminder:due:{reminder.Id}:{ChinaTime.ToChina(reminder.DueAt):yyyyMMddHHmm}", repUserId, reply);
    }
}
