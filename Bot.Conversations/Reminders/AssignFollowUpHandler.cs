using System.Text.RegularExpressions;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reports;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reminders;

/// <summary>
/// "让张伟明天去拜访金禾": a manager (or the admin) gives a rep of their team a follow-up on one of the rep's
/// customers, due when the manager said. The rep gets it as a reminder and a notice; the manager is told when the rep
/// has done it (<see cref="AssignmentNotices"/>). Who, which customer and by when must all be said; a customer owned
/// by someone else is not assigned over the owner's head.
/// </summary>
public sealed partial class AssignFollowUpHandler(
    IUserDirectory users, ICustomerRepository customers, IReminderRepository reminders, AssignmentNotices notices) : IIntentHandler
{
    [GeneratedRegex(@"^(请|麻烦|你|帮我)?(让|叫|安排|派|通知|交代)?")]
    private static partial Regex LeadingAsk();

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var manager = context.User;
        if (manager.Role == UserRole.Rep)
            return [Reply.Plain("给同事安排跟进需要主管来做。要提醒自己，可以说「明天上午10点提醒我拜访金禾」。")];
        var text = context.Parsed.Text;
        var named = await NamedColleague.InAsync(text, manager, users, ct);
        if (named.Within is not { } rep)
        {
            if (named.Outside is { } outside)
                return [Reply.Plain($"{outside.Name}不在你的团队里，请TA的主管来安排。")];
            return [Reply.Plain("让谁去跟进？请带上同事的名字，比如「让张伟明天去拜访金禾」。")];
        }
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var name = customer.ShortName ?? customer.LegalName;
        if (customer.OwnerId != rep.Id)
        {
            var owner = customer.OwnerId is { } ownerId ? await users.GetAsync(ownerId, ct) : null;
            return [Reply.Plain($"{name}是{owner?.Name ?? "别人"}的客户，不在{rep.Name}名下。要让{rep.Name}跟进，先把客户转给TA，比如「把{name}转给{rep.Name}」。")];
        }
        if (context.Parsed.FollowUpDue(new TimeOnly(9, 0)) is not { } due)
            return [Reply.Plain($"让{rep.Name}什么时候之前跟进{name}？比如「让{rep.Name}明天去拜访{name}」。")];
        if (due <= context.Now)
            return [Reply.Plain($"{ChineseFormat.DayAndTime(due, context.Today)}已经过去了，换个以后的时间？")];

        var task = Task(text, rep.Name);
        var reminder = await reminders.AddAsync(
            new NewReminder(rep.Id, customer.Id, due, $"{manager.Name}安排：{task}", "manual") { AssignedBy = manager.Id, InboundMessageId = context.InboundMessageId }, ct);
        await notices.AssignedAsync(reminder, manager, rep, task, context.Today, ct);
        var reply = $"已安排：{rep.Name} {ChineseFormat.DayAndTime(due, context.Today)} 跟进{name}（{task}）。已通知{rep.Name}，TA做完后我告诉你。\n说错了回复「撤销」。";
        await context.RememberWriteAsync(reply, customer.Id, [new AssignmentAdded(reminder.Id, rep.WeComUserId, manager.Name, task)], ct);
        return [Reply.Plain(reply)];
    }

    /// <summary>What the manager asked for, in their words, without the rep's name and the asking.</summary>
    private static string Task(string text, string repName)
    {
        var task = text.Replace(repName, "", StringComparison.Ordinal).Trim();
        task = LeadingAsk().Replace(task, "").Trim(' ', ',', '，', '。', '.', '!', '！', ':', '：');
        return task.Length == 0 ? text : task.Length > 60 ? task[..60] + "…" : task;
    }
}
