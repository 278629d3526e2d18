using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>"海川医疗最近怎么样": tier, stage, contacts, the last three interactions and the open follow-ups.</summary>
public sealed class CustomerProfileHandler(ICustomerRepository customers, IInteractionRepository interactions, IReminderRepository reminders) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var contacts = await customers.ListContactsAsync(customer.Id, ct);
        var recent = await interactions.ListRecentAsync(customer.Id, 3, ct);
        var open = await reminders.ListOpenForCustomerAsync(customer.Id, ct);

        var text = new StringBuilder();
        text.Append($"**{customer.LegalName}**\n");
        text.Append($"阶段：{customer.Stage.ChineseName()}　评级：{(customer.Tier is { } tier ? tier + "类" : "未评级")}");
        if (customer.Industry is not null)
            text.Append($"　行业：{customer.Industry}");
        if (contacts.Count > 0)
            text.Append("\n联系人：" + string.Join("、", contacts.Take(4).Select(c => c.Title is null ? c.Name : $"{c.Name}（{c.Title}）")));
        text.Append(recent.Count == 0 ? "\n还没有跟进记录。" : "\n最近跟进：");
        foreach (var i in recent)
            text.Append($"\n· {ChineseFormat.Day(ChinaTime.DateOf(i.OccurredAt), context.Today)} {i.Channel.ChineseName()}：{Shorten(i.Summary)}");
        if (open.Count > 0)
            text.Append("\n待跟进：" + string.Join("；", open.Take(3).Select(r => $"{ChineseFormat.DayAndTime(r.DueAt, context.Today)} {r.Note}")));
        return [Reply.Markdown(text.ToString())];
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
