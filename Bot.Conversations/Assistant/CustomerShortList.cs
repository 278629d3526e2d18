using System.ComponentModel;
using Bot.Conversations.Customers;
using Bot.Conversations.Playbook;
using Bot.Conversations.Team;
using Microsoft.SemanticKernel;

namespace Bot.Conversations.Assistant;

/// <summary>
/// The user's own customers as the model sees them: only those in the user's scope, the ones whose names or
/// contacts share the most character pairs with the message first, plus a lookup for the rest. A colleague's
/// customer never reaches the prompt.
/// </summary>
public sealed class CustomerShortList(UserScope scope, CustomerDirectory.View view)
{
    private readonly ILookup<long, DirectoryContact> _contacts = view.Contacts.Values.ToLookup(c => c.CustomerId);

    private IEnumerable<DirectoryCustomer> Mine => view.Customers.Values.Where(c => scope.Covers(c.OwnerId));

    public IReadOnlyList<string> For(string text, int take)
    {
        var pairs = BigramIndex.Bigrams(text).ToHashSet();
        return [.. Mine
            .Select(c => (Customer: c, Score: BigramIndex.Bigrams(Words(c)).Distinct().Count(pairs.Contains)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Customer.Id)
            .Take(take)
            .Select(x => Line(x.Customer))];
    }

    /// <summary>A function the model may call when the customer it needs is not on the short list.</summary>
    public KernelFunction Lookup() => KernelFunctionFactory.CreateFromMethod(Find, "find_customers", "在用户负责的客户里按名称、简称或联系人姓名查找，最多返回5家");

    private string Find([Description("客户名称、简称或联系人姓名的一部分")] string query)
    {
        var found = Mine.Where(c => Words(c).Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)).Take(5).Select(Line).ToList();
        return found.Count == 0 ? "没有找到，请不要填写客户。" : string.Join("\n", found);
    }

    private string Words(DirectoryCustomer customer) =>
        string.Join(" ", customer.Aliases.Append(customer.LegalName).Append(customer.ShortName ?? "").Concat(_contacts[customer.Id].Select(c => c.Name)));

    private string Line(DirectoryCustomer customer)
    {
        var contacts = string.Join("、", _contacts[customer.Id].Select(c => c.Title is null ? c.Name : $"{c.Name}（{c.Title}）"));
        return customer.LegalName + (customer.ShortName is null ? "" : $"｜简称 {customer.ShortName}") + (contacts.Length == 0 ? "" : $"｜联系人 {contacts}");
    }
}
