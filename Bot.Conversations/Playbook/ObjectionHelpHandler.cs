using System.Text;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// "客户说太贵了怎么回": the best one to three scripts for the objection from the playbook (built-in and the
/// company's own guides), addressed to the customer or contact when the message names one, each with its source;
/// for a named customer, passages for the customer's sales stage win close calls.
/// </summary>
public sealed class ObjectionHelpHandler(PlaybookSearch playbook, ICustomerRepository customers) : IIntentHandler
{
    public Intent Intent => Intent.ObjectionHelp;

    public CustomerNeed Needs => CustomerNeed.Optional;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var objections = context.Parsed.Objections;
        if (objections.Count == 0)
            return [Reply.Plain("客户提出的是什么异议？比如「客户嫌贵怎么回」「客户要和竞品比怎么说」「客户说要再考虑怎么办」。")];

        var customer = context.Parsed.Customer is CustomerResolution.Resolved resolved ? await customers.GetAsync(resolved.CustomerId, ct) : null;
        var who = await AddresseeAsync(context, customer, ct);
        var text = new StringBuilder();
        foreach (var objection in objections.Take(2))
        {
            var scripts = await playbook.BestAsync(objection, context.Parsed.Text, objections.Count == 1 ? 3 : 1, ct, customer?.Stage);
            text.Append(text.Length == 0 ? "" : "\n\n").Append($"**{objection.ChineseName()}**{(who is null ? "" : $"（对{who}）")}");
            foreach (var (script, i) in scripts.Select((s, i) => (s, i)))
                text.Append($"\n{i + 1}. {script.Body}\n　来源：{script.Source}");
        }
        return [Reply.Markdown(text.ToString())];
    }

    private async Task<string?> AddresseeAsync(ConversationContext context, Customer? customer, CancellationToken ct)
    {
        if (customer is null)
            return null;
        var name = customer.ShortName ?? customer.LegalName;
        var contact = context.ContactId is { } id ? (await customers.ListContactsAsync(customer.Id, ct)).FirstOrDefault(c => c.Id == id) : null;
        return contact is null ? name : $"{name}的{contact.Name}";
    }
}
