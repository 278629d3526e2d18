using System.Text;
using Bot.Conversations.Assistant;
using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// "客户说太贵了怎么回": the best one to three scripts for the objection from the playbook (built-in and the
/// company's own guides), addressed to the customer or contact when the message names one, each with its source;
/// for a named customer, passages for the customer's sales stage win close calls. With a model configured, a
/// reply in words for this customer comes first, drafted from those scripts and the customer's record only.
/// </summary>
public sealed class ObjectionHelpHandler(PlaybookSearch playbook, ICustomerRepository customers, IInteractionRepository interactions, IGroundedWriter writer) : IIntentHandler
{
    private const int DraftLength = 150;

    private sealed record Addressee(string Name, IReadOnlyList<string> Record);

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var objections = context.Parsed.Objections;
        if (objections.Count == 0)
            return [Reply.Plain("客户提出的是什么异议？比如「客户嫌贵怎么回」「客户要和竞品比怎么说」「客户说要再考虑怎么办」。")];

        var customer = context.Parsed.Customer is CustomerResolution.Resolved resolved ? await customers.GetAsync(resolved.CustomerId, ct) : null;
        var who = await AddresseeAsync(context, customer, ct);
        var text = new StringBuilder();
        string? draft = null;
        foreach (var objection in objections.Take(2))
        {
            var scripts = await playbook.BestAsync(objection, context.Parsed.Text, objections.Count == 1 ? 3 : 1, ct, customer?.Stage);
            draft ??= await DraftAsync(objection, scripts, who, ct);
            text.Append(text.Length == 0 ? "" : "\n\n").Append($"**{objection.ChineseName()}**{(who is null ? "" : $"（对{who.Name}）")}");
            foreach (var (script, i) in scripts.Select((s, i) => (s, i)))
                text.Append($"\n{i + 1}. {script.Body}\n　来源：{script.Source}");
        }
        return [Reply.Markdown(draft is null ? text.ToString() : $"**建议这样说**{(who is null ? "" : $"（对{who.Name}）")}：\n{draft}\n\n{text}")];
    }

    private Task<string?> DraftAsync(Objection objection, IReadOnlyList<PlaybookEntry> scripts, Addressee? who, CancellationToken ct) =>
        writer.WriteAsync(new GroundedTask("objection reply",
            $"客户提出的异议是「{objection.ChineseName()}」。根据下面的话术，写一段销售可以直接对客户说的话，两三句，口语化，贴合这位客户。",
            [.. scripts.Select(s => "话术：" + s.Body), .. who?.Record ?? []], DraftLength), ct);

    private async Task<Addressee?> AddresseeAsync(ConversationContext context, Customer? customer, CancellationToken ct)
    {
        if (customer is null)
            return null;
        var name = customer.ShortName ?? customer.LegalName;
        var contact = context.ContactId is { } id ? (await customers.ListContactsAsync(customer.Id, ct)).FirstOrDefault(c => c.Id == id) : null;
        var record = new List<string> { $"客户：{customer.LegalName}" };
        if (customer.Industry is { } industry)
            record.Add($"行业：{industry}");
        if (contact is not null)
            record.Add($"联系人：{contact.Name}{(contact.Title is null ? "" : "，" + contact.Title)}，称呼{Salutation.For(contact)}");
        // The last interaction only matters to a draft; without a model this handler reads what it always read.
        if (writer is not TemplatesOnly && await interactions.ListRecentAsync(customer.Id, 1, ct) is [var last, ..])
            record.Add($"最近一次沟通：{last.Summary}");
        return new Addressee(contact is null ? name : $"{name}的{contact.Name}", record);
    }
}
