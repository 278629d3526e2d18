using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Reminders;

/// <summary>
/// Which of the rep's open reminders a message means. With a customer: that customer's earliest one (all of them
/// with 都/全部). Without: today's and overdue ones — all with 都/全部, the only one if there is one, otherwise the
/// bot asks whose, with the customers as numbered choices.
/// </summary>
public sealed class ReminderTargets(IReminderRepository reminders, ICustomerRepository customers, CustomerQuestion question)
{
    public abstract record Target;

    public sealed record Found(IReadOnlyList<Reminder> Reminders) : Target;

    /// <summary>Nothing to act on yet: the reply says why or asks which.</summary>
    public sealed record Answer(Reply Reply) : Target;

    private static readonly string[] AllCues = ["都", "全部", "所有", "全都"];

    public async Task<Target> FindAsync(ConversationContext context, string asking, CancellationToken ct)
    {
        var all = SalesVocabulary.ContainsAny(context.Parsed.Text, AllCues);
        if (context.Parsed.Customer is CustomerResolution.Resolved resolved)
        {
            var mine = (await reminders.ListOpenForCustomerAsync(resolved.CustomerId, ct)).Where(r => r.RepId == context.User.Id).ToList();
            if (mine.Count > 0)
                return new Found(all ? mine : [mine[0]]);
            var customer = await customers.GetAsync(resolved.CustomerId, ct);
            return new Answer(Reply.Plain($"「{customer?.ShortName ?? customer?.LegalName}」没有你待办的提醒。说「我的提醒」看看全部待办。"));
        }

        var endOfToday = ChinaTime.At(context.Today.AddDays(1), TimeOnly.MinValue);
        var due = await reminders.ListOpenAsync([context.User.Id], endOfToday, ct);
        if (due.Count == 0)
            return new Answer(Reply.Plain("今天没有待办的提醒。要改以后的提醒，请带上客户名，比如「华东精密的提醒推迟到下周一」。"));
        if (all || due.Count == 1)
            return new Found(due);
        var customerIds = due.Select(r => r.CustomerId).OfType<long>().Distinct().ToList();
        if (customerIds.Count >= 2)
            return new Answer(await question.AskAsync(context.Dialog, context.Message.Text, context.Parsed, asking, customerIds, context.Now, ct));
        var lines = due.Take(6).Select(r => $"· {ChineseFormat.DayAndTime(r.DueAt, context.Today)} {r.Describe()}");
        return new Answer(Reply.Plain($"今天有 {due.Count} 条提醒，是哪一条？请带上客户名再说一次，或说「都完成了」。\n{string.Join("\n", lines)}"));
    }
}
