using System.Globalization;
using System.Text.Json;
using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Assistant;

/// <summary>
/// Turns the model's tool call into a reading the handlers accept, or says why it cannot be trusted. Every
/// customer and contact must exist and be in the user's scope; the model may fill in a customer the rules did
/// not find but never overrule one they read in the message; follow-ups cannot be in the past. Slots the rules
/// read from the text win over the model's.
/// </summary>
public static class ModelReading
{
    public sealed record Outcome(ParsedMessage? Reading, string? Rejected);

    public static Outcome From(string function, IDictionary<string, object?>? arguments, string raw, ParsedMessage rules, UserScope scope, DateTimeOffset now, CustomerDirectory.View view)
    {
        try
        {
            return Read(function, arguments ?? new Dictionary<string, object?>(), raw, rules, scope, now, view);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A value of the wrong type or outside its enum: the answer is not usable, the product goes on.
            return Reject("unreadable arguments: " + ex.GetType().Name);
        }
    }

    private static Outcome Read(string function, IDictionary<string, object?> args, string raw, ParsedMessage rules, UserScope scope, DateTimeOffset now, CustomerDirectory.View view)
    {
        if (IntentFunctions.IntentOf(function) is not { } intent)
            return Reject("unknown intent");

        long? customerId = null;
        if (Text(args, "customer") is { } name)
        {
            var named = WholeName(view, name).SelectMany(m => m.CustomerIds.Concat(m.Contacts.Select(c => c.CustomerId))).Distinct().ToList();
            if (named.Count == 0)
                return Reject("customer not in the book");
            var mine = named.Where(id => scope.Covers(view.OwnerOf(id))).ToList();
            if (mine.Count == 0)
                return Reject("customer outside the user's scope");
            if (mine.Count > 1)
                return Reject("customer name fits several");
            customerId = mine[0];
        }
        switch (rules.Customer)
        {
            case CustomerResolution.Resolved r when customerId is { } id && id != r.CustomerId:
                return Reject("customer contradicts the name in the message");
            case CustomerResolution.Ambiguous a when customerId is { } id && !a.CustomerIds.Contains(id):
                return Reject("customer is none of the candidates");
        }

        long? contactId = null;
        if (Text(args, "contact") is { } contactName)
        {
            var owner = customerId ?? (rules.Customer as CustomerResolution.Resolved)?.CustomerId;
            var contact = view.Contacts.Values.FirstOrDefault(c => c.CustomerId == owner && c.Name == contactName)
                ?? WholeName(view, contactName).SelectMany(m => m.Contacts).FirstOrDefault(c => c.CustomerId == owner);
            if (contact is null)
                return Reject("contact not among the customer's contacts");
            contactId = contact.Id;
        }

        var today = ChinaTime.DateOf(now);
        DateTimeOffset? followUp = null;
        var followUpHasTime = false;
        if (Text(args, "follow_up_date") is { } day)
        {
            var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            TimeOnly? time = Text(args, "follow_up_time") is { } clock ? TimeOnly.ParseExact(clock, "HH:mm", CultureInfo.InvariantCulture) : null;
            if (date < today || (time is { } t && ChinaTime.At(date, t) <= now))
                return Reject("follow-up in the past");
            if (date > today.AddYears(1))
                return Reject("follow-up more than a year ahead");
            (followUp, followUpHasTime) = (ChinaTime.At(date, time ?? TimeOnly.MinValue), time is not null);
        }

        InteractionChannel? channel = Text(args, "channel") is { } code
            ? Enum.GetValues<InteractionChannel>().Single(c => c.Code() == code)
            : null;
        var objections = Items(args, "objections").Select(o => Enum.GetValues<Objection>().Single(x => x.Code() == o)).ToList();
        FunnelStage? stage = Text(args, "stage") is { } s ? FunnelStages.FromCode(s) : null;
        CustomerTier? tier = Text(args, "tier") is { } letter ? Enum.Parse<CustomerTier>(letter) : null;
        ReportPeriod? period = Text(args, "period") is { } p ? Enum.GetValues<ReportPeriod>().Single(x => x.Code() == p) : null;
        decimal? amount = Number(args, "amount");
        if (amount is <= 0 or >= 10_000_000_000m)
            return Reject("amount out of range");

        var byRules = MessageParser.Parse(raw, scope, now, view, customerId, intent);
        var customer = byRules.Customer is CustomerResolution.Resolved resolved && contactId is not null
            ? resolved with { ContactId = contactId }
            : byRules.Customer;
        var slots = new MessageParser.Slots(
            byRules.Channel ?? channel, [.. byRules.Objections.Union(objections)], byRules.Amount ?? amount,
            byRules.FollowUpAt ?? followUp, byRules.FollowUpAt is null ? followUpHasTime : byRules.FollowUpHasTime,
            byRules.Stage ?? stage, byRules.Period ?? period, byRules.Tier ?? tier);
        return new Outcome(MessageParser.Assemble(intent, byRules.Text, customer, slots, rules.PersonalDataRedacted), null);
    }

    private static Outcome Reject(string why) => new(null, why);

    /// <summary>Index matches that cover the whole name the model gave (a legal name, short name, alias or contact).</summary>
    private static IEnumerable<NameMatch> WholeName(CustomerDirectory.View view, string name) =>
        view.Index.Find(name).Where(m => m.Start == 0 && m.Length == name.Length);

    // Connectors hand arguments over as text (a JSON array or number in its JSON spelling) or as JSON elements.
    private static string? Text(IDictionary<string, object?> args, string key) => args.TryGetValue(key, out var value) ? value switch
    {
        string s when s.Trim().Length > 0 => s.Trim(),
        JsonElement { ValueKind: JsonValueKind.String } e when e.GetString() is { } s && s.Trim().Length > 0 => s.Trim(),
        null or string or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.String } => null,
        _ => throw new FormatException($"{key} is not text"),
    } : null;

    private static decimal? Number(IDictionary<string, object?> args, string key) => args.TryGetValue(key, out var value) ? value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDecimal(),
        string s when s.Trim().Length > 0 => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture),
        null or string or JsonElement { ValueKind: JsonValueKind.Null } => null,
        _ => throw new FormatException($"{key} is not a number"),
    } : null;

    private static IEnumerable<string> Items(IDictionary<string, object?> args, string key)
    {
        if (!args.TryGetValue(key, out var value) || value is null)
            return [];
        var array = value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } e => e,
            string s => JsonDocument.Parse(s).RootElement,
            _ => throw new FormatException($"{key} is not a list"),
        };
        if (array.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{key} is not a list");
        return [.. array.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : throw new FormatException($"{key} holds a non-text item"))];
    }
}
