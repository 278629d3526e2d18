using System.Text;
using System.Text.RegularExpressions;
using Bot.Conversations.Customers;

namespace Bot.Conversations.Care;

/// <summary>Who a greeting is for, as the templates see them.</summary>
public sealed record CareRecipient(string Name, string? Title, string Company, int YearsAsCustomer, string RepName);

/// <summary>Fills the editable templates of <see cref="CareOptions"/> into the greeting a customer reads.</summary>
public static partial class CareTemplates
{
    public static readonly IReadOnlySet<string> Placeholders = new HashSet<string> { "salutation", "name", "title", "company", "years", "thanks", "rep" };

    /// <summary>WeCom cuts a group-send text at 4000 bytes; a greeting is a few sentences.</summary>
    public const int MaxBytes = 4000;

    [GeneratedRegex(@"\{(?<name>[^{}]*)\}")]
    private static partial Regex Placeholder();

    public static string Render(CareOptions options, CareOccasion occasion, CareRecipient recipient)
    {
        var thanks = recipient.YearsAsCustomer >= 1 ? options.TenureThanks : options.NewCustomerThanks;
        var values = new Dictionary<string, string>
        {
            ["salutation"] = ContactTitles.Salutation(recipient.Name, recipient.Title),
            ["name"] = recipient.Name,
            ["title"] = recipient.Title ?? "",
            ["company"] = recipient.Company,
            ["years"] = recipient.YearsAsCustomer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["rep"] = recipient.RepName,
        };
        values["thanks"] = Fill(thanks, values);
        return Fill(options.Templates[occasion.ToString()], values);
    }

    /// <summary>Every problem with the configured templates, in words an administrator can act on; empty when fine.</summary>
    public static IReadOnlyList<string> Problems(CareOptions options)
    {
        var problems = new List<string>();
        foreach (var occasion in CareOccasions.All)
        {
            if (!options.Templates.TryGetValue(occasion.ToString(), out var template) || string.IsNullOrWhiteSpace(template))
                problems.Add($"Care:Templates:{occasion} is missing ({occasion.ChineseName()})");
            else
                problems.AddRange(Check($"Care:Templates:{occasion}", template));
        }
        problems.AddRange(Check("Care:TenureThanks", options.TenureThanks));
        problems.AddRange(Check("Care:NewCustomerThanks", options.NewCustomerThanks));
        if (options.TenureThanks.Contains("{thanks}", StringComparison.Ordinal) || options.NewCustomerThanks.Contains("{thanks}", StringComparison.Ordinal))
            problems.Add("Care:TenureThanks and Care:NewCustomerThanks cannot contain {thanks}");
        if (options.SendFromHour >= options.SendUntilHour)
            problems.Add("Care:SendFromHour must be before Care:SendUntilHour");
        problems.AddRange(options.Templates.Keys.Where(k => !Enum.TryParse<CareOccasion>(k, out _))
            .Select(k => $"Care:Templates:{k} is not an occasion (one of {string.Join(", ", CareOccasions.All)})"));
        return problems;
    }

    private static IEnumerable<string> Check(string key, string template)
    {
        foreach (Match match in Placeholder().Matches(template))
        {
            if (!Placeholders.Contains(match.Groups["name"].Value))
                yield return $"{key} has an unknown placeholder {match.Value} (known: {string.Join(", ", Placeholders.Select(p => "{" + p + "}"))})";
        }
        if (Placeholder().Replace(template, "").IndexOfAny(['{', '}']) >= 0)
            yield return $"{key} has an unmatched brace";
        // Leave room for long names and company names in the worst case.
        if (Encoding.UTF8.GetByteCount(template) > MaxBytes / 2)
            yield return $"{key} is too long for a WeCom group send ({MaxBytes} bytes)";
    }

    private static string Fill(string template, Dictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value : m.Value);
}
