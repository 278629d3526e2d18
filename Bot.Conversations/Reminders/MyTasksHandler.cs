using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Reminders;

/// <summary>"我今天要跟进谁": open follow-ups, overdue first, for today, tomorrow or the week as asked.</summary>
public sealed class MyTasksHandler(IReminderRepository reminders) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var text = context.Parsed.Text;
        var (days, label) = text.Contains("明天", StringComparison.Ordinal) ? (2, "明天")
            : SalesVocabulary.ContainsAny(text, "本周", "这周", "这星期", "一周", "这礼拜") ? (8 - ((int)context.Today.DayOfWeek + 6) % 7, "本周")
            : (1, "今天");
        var until = ChinaTime.At(context.Today.AddDays(days), TimeOnly.MinValue);
        var open = await reminders.ListOpenAsync([context.User.Id], until, ct);
        var startOfToday = ChinaTime.At(context.Today, TimeOnly.MinValue);
        var overdue = open.Where(r => r.DueAt < startOfToday).ToList();
        var due = open.Where(r => r.DueAt >= startOfToday && (label != "明天" || r.DueAt >= ChinaTime.At(context.Today.AddDays(1), TimeOnly.MinValue))).ToList();
        if (overdue.Count == 0 && due.Count == 0)
            return [Reply.Plain($"{label}没有要跟进的客户。可以说「列出我的A类客户」看看谁该联系了。")];

        var lines = overdue.Select(r => Line(r, $"**已逾期 {overdue.Count} 个**", context.Today))
            .Concat(due.Select(r => Line(r, $"**{label}要跟进 {due.Count} 个**", context.Today)))
            .ToList();
        return await ListPages.ShowAsync(context.Dialog, null, label + "要跟进", lines, context.Now, ct);
    }

    private static ListLine Line(Reminder r, string group, DateOnly today) => new($"· {ChineseFormat.DayAndTime(r.DueAt, today)} {r.Describe()}", group);
}
