using System.Text;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Privacy;

/// <summary>
/// Where a customer is named in stored text, found the way the bot reads names (not by substring): "星辰网络科技有限公司"
/// is not inside "成都星辰网络科技有限公司", and a message about several customers loses only this one's names.
/// In a message linked to the customer (the source of its interaction) every name that may mean it is masked; in
/// any other only names that can mean nothing else.
/// </summary>
public sealed class CustomerMentions(CustomerDirectory.View view, long customerId)
{
    public const string Mask = "[已删除]";

    /// <summary>Every spelling that may name the customer or one of its contacts: a cheap first filter for the database.</summary>
    public IReadOnlyList<string> Needles { get; } = BuildNeedles(view, customerId);

    /// <summary>The text with this customer's names masked, or null when it names it nowhere.</summary>
    public string? MaskIn(string text, bool linked)
    {
        var normalized = TextNormalizer.Normalize(text);
        var spans = view.Index.Find(normalized).Where(m => Means(m, linked)).ToList();
        if (spans.Count == 0)
            return null;
        var masked = new StringBuilder(normalized.Length);
        var at = 0;
        foreach (var span in spans)
        {
            masked.Append(normalized, at, span.Start - at).Append(Mask);
            at = span.Start + span.Length;
        }
        return masked.Append(normalized, at, normalized.Length - at).ToString();
    }

    private bool Means(NameMatch match, bool linked)
    {
        if (match.CustomerIds.Contains(customerId))
            return linked || match.CustomerIds.Count == 1;
        var ours = match.Contacts.Where(c => c.CustomerId == customerId).ToList();
        return ours.Count > 0 && (linked || ours.Count == match.Contacts.Count);
    }

    private static string[] BuildNeedles(CustomerDirectory.View view, long customerId)
    {
        var needles = new HashSet<string>(StringComparer.Ordinal);
        if (view.Customers.TryGetValue(customerId, out var customer))
            needles.UnionWith(CustomerNameForms.Of(customer).Select(f => f.Text));
        foreach (var contact in view.Contacts.Values.Where(c => c.CustomerId == customerId))
            needles.UnionWith(CustomerNameForms.Of(contact));
        return [.. needles.Where(n => n.Length >= 2)];
    }
}
