using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Reminders;

/// <summary>
/// "下周三提醒我给星辰打电话": a reminder for the rep at the time they said (09:00 when they gave only a day).
/// "约了华东精密周五上午10点去厂里谈": an appointment (<see cref="Appointments"/>), reminded an hour before.
/// </summary>
public sealed class SetReminderHandler(IReminderRepository reminders, ICustomerRepository customers) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var parsed = context.Parsed;
        if (parsed.FollowUpAt is not { } at)
            return [Reply.Plain("什么时候提醒你？比如「明天下午3点提醒我回访海川」。")];
        var due = parsed.FollowUpDue(new TimeOnly(9, 0)) ?? at;
        if (due <= context.Now)
            return [Reply.Plain($"{ChineseFormat.DayAndTime(due, context.Today)}已经过去了，换个以后的时间？")];

        var customer = parsed.Customer is CustomerResolution.Resolved r ? await customers.GetAsync(r.CustomerId, ct) : null;
        var appointment = Appointments.Read(parsed.Text, due, parsed.FollowUpHasTime, customer is not null);
        var name = customer?.ShortName ?? customer?.LegalName;
        var note = customer is null ? Note(parsed.Text) : appointment is null ? $"跟进{name}：{Note(parsed.Text)}" : $"约了{name}：{Note(parsed.Text)}";
        var remindAt = appointment is null ? due : Appointments.RemindAt(appointment, context.Now);
        var reminder = await reminders.AddAsync(
            new NewReminder(context.User.Id, customer?.Id, remindAt, note, "manual") { Appointment = appointment, InboundMessageId = context.InboundMessageId }, ct);
        var text = appointment is null
            ? $"好的，{ChineseFormat.DayAndTime(due, context.Today)}提醒你：{note}\n说错了回复「撤销」。"
            : $"已记下约见：{ChineseFormat.DayAndTime(appointment.At, context.Today)} {name} · {Appointments.What(appointment.Channel)}。"
              + (remindAt == appointment.At - Appointments.Lead ? "提前1小时提醒你，" : "")
              + "结束后我问你谈得怎么样，回复经过就记下来。\n说错了回复「撤销」。";
        await context.RememberWriteAsync(text, customer?.Id ?? 0, [new ReminderAdded(reminder.Id)], ct);
        return [Reply.Plain(text)];
    }

    private static string Note(string text)
    {
        var note = text;
        foreach (var cue in new[] { "提醒我", "提醒一下", "记得", "别忘了", "设个提醒", "设置提醒", "叫我", "通知我" })
        {
            var at = note.IndexOf(cue, StringComparison.Ordinal);
            if (at >= 0)
                note = note[(at + cue.Length)..];
        }
        note = note.Trim(' ', ',', '.', ':', '!');
        return note.Length == 0 ? text : note.Length > 60 ? note[..60] + "…" : note;
    }
}
