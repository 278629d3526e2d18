namespace Bot.Conversations.Customers;

/// <summary>
/// The contact a fix names (联系人是王海): one of the customer's own contacts, never a guess. When none or several fit,
/// the reason is said plainly, with the contacts the customer has.
/// </summary>
public sealed class ContactFix(CustomerDirectory directory, ICustomerRepository customers)
{
    /// <summary>The customer's one contact that <paramref name="mention"/> names, or why there is none to take.</summary>
    public async Task<(DirectoryContact? Contact, string? Refusal)> FindAsync(long customerId, string mention, CancellationToken ct)
    {
        var view = await directory.GetAsync(ct);
        var contacts = view.Index.Find(mention).SelectMany(m => m.ContactsOf(customerId)).DistinctBy(c => c.Id).ToList();
        if (contacts.Count == 1)
            return (contacts[0], null);
        if (contacts.Count > 1)
            return (null, $"「{mention}」对应好几位联系人，请说全名。");
        var names = (await customers.ListContactsAsync(customerId, ct)).Select(c => c.Name).Take(5).ToList();
        var customer = view.Customers.TryGetValue(customerId, out var c) ? c.ShortName ?? c.LegalName : "这个客户";
        return (null, $"{customer}没有叫「{mention}」的联系人{(names.Count > 0 ? "，现有：" + string.Join("、", names) : "")}。新联系人可以先在客户资料里加上。");
    }
}
