using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Reminders;

/// <summary>
/// "星辰那个跟进做完了", "今天的提醒都完成了": the rep's own reminders marked done, with 撤销 for ten minutes; a manager who
/// assigned one of them is told.
/// </summary>
public sealed class CompleteReminderHandler(IReminderRepository reminders, ReminderTargets targets, AssignmentNotices assignments) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var target = await targets.FindAsync(context, "做完的是哪个客户的跟进？", ct);
        if (target is ReminderTargets.Answer answer)
            return [answer.Reply];
        var found = (ReminderTargets.Found)target;
        var done = new List<Reminder>();
        foreach (var reminder in found.Reminders)
        {
            if (await reminders.CompleteAsync(reminder.Id, context.User.Id, context.Now, ct) is { } completed)
                done.Add(completed);
        }
        var text = done.Count switch
        {
            0 => "这条提醒已经处理过了。",
            1 => $"已完成：{done[0].Describe()}。\n说错了回复「撤销」。",
            _ => $"已完成 {done.Count} 条提醒：{string.Join("；", done.Take(3).Select(r => r.Describe()))}{(done.Count > 3 ? " 等" : "")}。\n说错了回复「撤销」。",
        };
        if (done.Count > 0)
        {
            await assignments.DoneAsync(done, context.User, context.Now, how: null, ct);
            await context.RememberWriteAsync(text, done[0].CustomerId ?? 0,
                [.. found.Reminders.Where(r => done.Any(d => d.Id == r.Id)).Select(r => new ReminderChanged(r.Id, context.User.Id, r.DueAt))], ct);
        }
        return [Reply.Plain(text)];
    }
}
