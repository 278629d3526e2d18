using System.Text;
using Bot.Conversations.Common;
using Bot.Conversations.Deals;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "海川医疗最近怎么样" / "朱军电话多少" / "星辰那单多少钱来着": tier, stage, contacts with their phones (the one asked
/// about first), open deals, this year's orders, the last three interactions and the open follow-ups. Only customers
/// in the asker's scope get here, so their contacts' numbers are theirs to see.
/// </summary>
public sealed class CustomerProfileHandler(
    ICustomerRepository customers, IInteractionRepository interactions, IReminderRepository reminders, IOrderRepository orders, IDealRepository deals) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var contacts = (await customers.ListContactsAsync(customer.Id, ct)).OrderBy(c => c.Id == context.ContactId ? 0 : 1).ToList();
        var recent = await interactions.ListRecentAsync(customer.Id, 3, ct);
        var open = await reminders.ListOpenForCustomerAsync(customer.Id, ct);
        var thisYear = await orders.ListSinceAsync(customer.Id, new DateOnly(context.Today.Year, 1, 1), ct);
        var openDeals = (await deals.ListForCustomerAsync(customer.Id, ct)).Where(d => d.IsOpen).ToList();

        var text = new StringBuilder();
        text.Append($"**{customer.LegalName}**\n");
        text.Append($"阶段：{customer.Stage.ChineseName()}　评级：{(customer.Tier is { } tier ? tier + "类" : "未评级")}");
        if (customer.Industry is not null)
            text.Append($"　行业：{customer.Industry}");
        if (contacts.Count > 0)
            text.Append("\n联系人：" + string.Join("、", contacts.Take(4).Select(Describe)));
        if (openDeals.Count > 0)
            text.Append("\n在跟商机：" + string.Join("；", openDeals.Take(3).Select(d => $"{(d.Title.Length == 0 ? "" : d.Title + " ")}{DealText.Terms(d, context.Today)}（{d.Stage.ChineseName()}）")));
        text.Append(thisYear.Count == 0 ? $"\n{context.Today.Year}年还没有下单。" : $"\n{context.Today.Year}年下单 {thisYear.Count} 笔，合计 {ChineseFormat.Money(thisYear.Sum(o => o.Amount))}");
        text.Append(recent.Count == 0 ? "\n还没有跟进记录。" : "\n最近跟进：");
        foreach (var i in recent)
            text.Append($"\n· {ChineseFormat.Day(ChinaTime.DateOf(i.OccurredAt), context.Today)} {i.Channel.ChineseName()}：{Shorten(i.Summary)}");
        if (open.Count > 0)
            text.Append("\n待跟进：" + string.Join("；", open.Take(3).Select(r => $"{ChineseFormat.DayAndTime(r.DueAt, context.Today)} {r.Note}")));
        return [Reply.Markdown(text.ToString())];
    }

    private static string Describe(Contact contact) =>
        contact.Name + (contact.Title is null && contact.Phone is null ? ""
            : $"（{string.Join(" ", new[] { contact.Title, contact.Phone }.Where(x => x is not null))}）");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
