using System.Text;
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

        var output = new StringBuilder();
        if (overdue.Count > 0)
        {
            output.Append($"**已逾期 {overdue.Count} 个**");
            foreach (var r in overdue.Take(10))
                output.Append($"\n· {ChineseFormat.DayAndTime(r.DueAt, context.Today)} {r.Describe()}");
        }
        if (due.Count > 0)
        {
            output.Append(output.Length > 0 ? "\n" : "").Append($"**{label}要跟进 {due.Count} 个**");
            foreach (var r in due.Take(15))
                output.Append($"\n· {ChineseFormat.DayAndTime(r.DueAt, context.Today)} {r.Describe()}");
        }
        return [Reply.Markdown(output.ToString())];
    }
}
