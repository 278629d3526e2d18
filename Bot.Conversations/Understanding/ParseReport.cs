using System.Globalization;
using Bot.Conversations.Customers;

namespace Bot.Conversations.Understanding;

/// <summary>
/// A parse result in the vocabulary of `scripts/bot parse` and the labelled test set: snake_case intents, legal
/// names, contact full names, ISO times in +08:00. Both read this one mapping.
/// </summary>
public static class ParseReport
{
    public static Dictionary<string, object?> Of(ParsedMessage parsed, CustomerDirectory.View view) => new()
    {
        ["intent"] = parsed.Intent.Code(),
        ["customer"] = parsed.Customer is CustomerResolution.Resolved r && view.Customers.TryGetValue(r.CustomerId, out var c) ? c.LegalName : null,
        ["customer_status"] = parsed.Customer switch
        {
            CustomerResolution.Resolved => "resolved",
            CustomerResolution.Ambiguous => "ambiguous",
            CustomerResolution.OutOfScope => "out_of_scope",
            _ => "none",
        },
        ["contact"] = parsed.Customer is CustomerResolution.Resolved { ContactId: { } id } && view.Contacts.TryGetValue(id, out var contact) ? contact.Name : null,
        ["channel"] = parsed.Channel is { } channel and not InteractionChannel.Other ? channel.Code() : null,
        ["objections"] = parsed.Objections.Select(o => o.Code()).ToArray(),
        ["amount"] = parsed.Amount,
        ["next_followup"] = parsed.FollowUpAt?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["stage"] = parsed.Stage?.Code(),
        ["period"] = parsed.Period?.Code(),
        ["tier"] = parsed.Tier?.ToString(),
        ["pii_redacted"] = parsed.PersonalDataRedacted,
        ["forbidden"] = parsed.Customer is CustomerResolution.OutOfScope,
    };
}
