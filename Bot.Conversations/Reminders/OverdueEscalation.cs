using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reminders;

/// <summary>
/// Follow-ups overdue for more than a few days go to the rep's manager, once each: the manager hears about a
/// slipping follow-up the first time, not every morning after.
/// </summary>
public sealed class OverdueEscalation(IReminderRepository reminders, IUserDirectory users)
{
    public async Task<ScheduledOutput> RunAsync(DateTimeOffset now, int overdueDays, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var overdue = await reminders.ListOverdueNotEscalatedAsync(ChinaTime.At(today.AddDays(-overdueDays), TimeOnly.MinValue), ct);
        var notices = new List<ScheduledNotice>();
        var escalated = new List<long>();
        foreach (var byRep in overdue.GroupBy(r => r.RepId))
        {
            if (await users.GetAsync(byRep.Key, ct) is not { ManagerId: { } managerId } rep
                || await users.GetAsync(managerId, ct) is not { Active: true } manager)
                continue;
            var text = new StringBuilder($"{rep.Name}有 {byRep.Count()} 条跟进逾期超过{overdueDays}天：");
            foreach (var r in byRep.Take(10))
                text.Append($"\n· {r.Describe()}（{ChineseFormat.Day(ChinaTime.DateOf(r.DueAt), today)}到期）");
            if (byRep.Count() > 10)
                text.Append($"\n……共 {byRep.Count()} 条");
            text.Append("\n可以和他一起看看卡在哪里。");
            // The key names the reminders, so a run repeated after a crash cannot escalate them twice.
            notices.Add(new ScheduledNotice($"escalate:{manager.WeComUserId}:{string.Join(',', byRep.Select(r => r.Id))}",
                manager.WeComUserId, Reply.Plain(text.ToString())));
            escalated.AddRange(byRep.Select(r => r.Id));
        }
        return new ScheduledOutput(notices, token => reminders.MarkEscalatedAsync(escalated, now, token));
    }
}
