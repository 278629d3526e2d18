using System.Text;
using Bot.Conversations.Churn;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Digest;

/// <summary>
/// The rep's morning message: today's follow-ups, the overdue ones, contacts' birthdays in the next 7 days and
/// churn warnings — the few things worth acting on today. Nothing at all when there is nothing to say.
/// </summary>
public sealed class DailyDigestBuilder(IReminderRepository reminders, IDigestQueries queries, ChurnWatchlist churn)
{
    private const int Listed = 8;
    private const int BirthdayDays = 7;
    private const int ChurnShown = 3;

    public async Task<ScheduledNotice?> BuildAsync(SalesUser rep, DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var startOfToday = ChinaTime.At(today, TimeOnly.MinValue);
        var open = await reminders.ListOpenAsync([rep.Id], ChinaTime.At(today.AddDays(1), TimeOnly.MinValue), ct);
        var overdue = open.Where(r => r.DueAt < startOfToday).ToList();
        var due = open.Where(r => r.DueAt >= startOfToday).ToList();
        var birthdays = (await queries.BirthdaysAsync(new HashSet<long> { rep.Id }, ct))
            .Select(b => (Contact: b, On: b.Birthday.NextOn(today)))
            .Where(b => b.On is { } on && on.DayNumber - today.DayNumber < BirthdayDays)
            .OrderBy(b => b.On)
            .ToList();
        var warnings = await churn.TopAsync(new HashSet<long> { rep.Id }, today, ChurnShown, ct);
        if (due.Count == 0 && overdue.Count == 0 && birthdays.Count == 0 && warnings.Total == 0)
            return null;

        var greeting = ChinaTime.ToChina(now).Hour switch { < 11 => "早上好", < 18 => "下午好", _ => "晚上好" };
        var text = new StringBuilder($"**{rep.Name}，{greeting}！今天的跟进安排**");
        if (due.Count > 0)
        {
            text.Append($"\n今天要跟进 {due.Count} 个：");
            foreach (var r in due.Take(Listed))
                text.Append($"\n· {ChinaTime.ToChina(r.DueAt):HH:mm} {r.Describe()}");
            More(text, due.Count);
        }
        if (overdue.Count > 0)
        {
            text.Append($"\n已逾期 {overdue.Count} 个，尽快处理：");
            foreach (var r in overdue.Take(Listed))
                text.Append($"\n· {ChineseFormat.Day(ChinaTime.DateOf(r.DueAt), today)} {r.Describe()}");
            More(text, overdue.Count);
        }
        if (birthdays.Count > 0)
        {
            text.Append("\n近7天生日：");
            foreach (var (contact, on) in birthdays.Take(Listed))
                text.Append($"\n· {ChineseFormat.Day(on!.Value, today)} {contact.CustomerName} {contact.ContactName}{(contact.Title is { Length: > 0 } title ? $"（{title}）" : "")}");
        }
        if (warnings.Total > 0)
        {
            text.Append($"\n流失预警 {warnings.Total} 个：");
            foreach (var facts in warnings.Top)
            {
                var finding = ChurnRules.Evaluate(facts, today)[0];
                text.Append($"\n· {facts.Name}：{finding.Reason}，建议{finding.WinBack}");
            }
            if (warnings.Total > ChurnShown)
                text.Append("\n说「哪些客户快流失了」看全部。");
        }
        return new ScheduledNotice($"digest:{rep.WeComUserId}:{today:yyyy-MM-dd}", rep.WeComUserId, Reply.Markdown(text.ToString()));
    }

    private static void More(StringBuilder text, int count)
    {
        if (count > Listed)
            text.Append($"\n……还有 {count - Listed} 个，说「我的任务」看全部。");
    }
}
