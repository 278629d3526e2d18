using System.Text.RegularExpressions;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Reminders;

/// <summary>
/// "华东精密的提醒推迟到下周一", "金禾的跟进往后推两天": the rep's own reminder moved, with 撤销 for ten minutes. A day
/// without a time keeps the reminder's time of day; "推两天" counts from the due time, or from now when that has passed.
/// </summary>
public sealed partial class PostponeReminderHandler(IReminderRepository reminders, ReminderTargets targets) : IIntentHandler
{
    [GeneratedRegex(@"(推迟|延后|推后|推|挪|延|顺延)了?\s*(?<n>\d{1,2}|[一二两三四五六七八九十]{1,2})\s*个?\s*(?<unit>天|日|周|星期|礼拜|月|小时|钟头)")]
    private static partial Regex By();

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var by = Shift(context.Parsed.Text);
        if (by is null && context.Parsed.FollowUpAt is null)
            return [Reply.Plain("推迟到什么时候？比如「华东精密的提醒推迟到下周一」或「往后推两天」。")];
        var target = await targets.FindAsync(context, "要推迟的是哪个客户的跟进？", ct);
        if (target is ReminderTargets.Answer answer)
            return [answer.Reply];

        var moved = new List<(Reminder Before, Reminder After)>();
        foreach (var reminder in ((ReminderTargets.Found)target).Reminders)
        {
            var due = NewDue(reminder, by, context);
            if (due <= context.Now)
                return [Reply.Plain($"{ChineseFormat.DayAndTime(due, context.Today)}已经过去了，换个以后的时间？")];
            if (await reminders.RescheduleAsync(reminder.Id, context.User.Id, due, ct) is { } after)
                moved.Add((reminder, after));
        }
        if (moved.Count == 0)
            return [Reply.Plain("这条提醒已经处理过了。")];
        var first = moved[0].After;
        var text = moved.Count == 1
            ? $"已推迟到{ChineseFormat.DayAndTime(first.DueAt, context.Today)}：{first.Describe()}。\n说错了回复「撤销」。"
            : $"已推迟 {moved.Count} 条提醒，第一条改到{ChineseFormat.DayAndTime(first.DueAt, context.Today)}：{first.Describe()}。\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, first.CustomerId ?? 0, [.. moved.Select(m => new ReminderChanged(m.Before.Id, context.User.Id, m.Before.DueAt))], ct);
        return [Reply.Plain(text)];
    }

    private static DateTimeOffset NewDue(Reminder reminder, Func<DateTimeOffset, DateTimeOffset>? by, ConversationContext context)
    {
        if (by is not null)
            return by(reminder.DueAt > context.Now ? reminder.DueAt : context.Now);
        var at = context.Parsed.FollowUpAt!.Value;
        return context.Parsed.FollowUpHasTime ? at : ChinaTime.At(ChinaTime.DateOf(at), TimeOnly.FromTimeSpan(ChinaTime.ToChina(reminder.DueAt).TimeOfDay));
    }

    /// <summary>"往后推两天" → 2 days later, "推迟一周" → a week, "延后3小时" → 3 hours, "推一个月" → the same day next month.</summary>
    private static Func<DateTimeOffset, DateTimeOffset>? Shift(string text)
    {
        if (By().Match(text) is not { Success: true } match || !ChineseNumber.TryParse(match.Groups["n"].Value, out var number) || number <= 0)
            return null;
        var n = (int)number;
        return match.Groups["unit"].Value switch
        {
            "小时" or "钟头" => at => at.AddHours(n),
            "周" or "星期" or "礼拜" => at => at.AddDays(7 * n),
            "月" => at => at.AddMonths(n),
            _ => at => at.AddDays(n),
        };
    }
}
