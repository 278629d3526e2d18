using System.Globalization;
using Bot.Conversations.Customers;

namespace Bot.Conversations.Understanding;

/// <summary>
/// A parse result in the vocabulary of `scripts/bot parse` and the labelled sets: snake_case intents, legal
/// names, contact full names, ISO times in +08:00, and what the bot would do with it for this user (`action`:
/// write, confirm, read, ask or none). The command line, the evaluation and the tests read this one mapping.
/// </summary>
public static class ParseReport
{
    public static Dictionary<string, object?> Of(ParsedMessage parsed, CustomerDirectory.View view, Team.UserScope scope) => new()
    {
        ["intent"] = parsed.Intent.Code(),
        ["action"] = ActionPolicy.Decide(parsed, scope).Code(),
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
        ["next_followup"] = (parsed.FollowUpHasTime ? parsed.FollowUpAt : parsed.FollowUpDue(TimeOnly.MinValue) is { } due ? Common.ChinaTime.At(Common.ChinaTime.DateOf(due), TimeOnly.MinValue) : null)
            ?.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        ["stage"] = parsed.Stage?.Code(),
        ["period"] = parsed.Period?.Code(),
        ["tier"] = parsed.Tier?.ToString(),
        ["pii_redacted"] = parsed.PersonalDataRedacted,
        ["forbidden"] = parsed.Customer is CustomerResolution.OutOfScope,
    };
}
