using System.Globalization;
using System.Text.Json;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>
/// One line of a labelled set: who sent what when, against which book, and the parse a perfect reader gives, in
/// the vocabulary of `scripts/bot parse` (conventions: Bot.Tests/TestData/nlu/CONVENTIONS.md).
/// </summary>
public sealed record LabelledMessage(string User, string Text, DateTimeOffset Now, string Book, string Writer, IReadOnlyDictionary<string, string?> Expected)
{
    /// <summary>The eleven fields every line carries, as text for comparison.</summary>
    public static readonly string[] Fields = ["intent", "customer", "customer_status", "contact", "channel", "objections", "amount", "next_followup", "stage", "period", "tier"];

    public string Intent => Expected["intent"] ?? IntentCatalogue.UnknownCode;

    public static IReadOnlyList<LabelledMessage> Load(string path, string defaultBook = "demo") =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => Parse(l, defaultBook, Path.GetFileNameWithoutExtension(path)))];

    public static LabelledMessage Parse(string line, string defaultBook, string defaultWriter)
    {
        var root = JsonDocument.Parse(line).RootElement;
        var expected = root.GetProperty("expected");
        return new LabelledMessage(
            root.GetProperty("user").GetString()!,
            root.GetProperty("text").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("now").GetString()!, CultureInfo.InvariantCulture),
            root.TryGetProperty("book", out var book) ? book.GetString()! : defaultBook,
            root.TryGetProperty("writer", out var writer) ? writer.GetString()! : defaultWriter,
            Fields.ToDictionary(f => f, f => expected.TryGetProperty(f, out var v) ? Canonical(f, v) : null));
    }

    /// <summary>One spelling per value: amounts without trailing zeros, times in +08:00, lists comma-joined.</summary>
    public static string? Canonical(string field, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(v => v.GetString())),
        JsonValueKind.Number => value.GetDecimal().ToString("0.##", CultureInfo.InvariantCulture),
        JsonValueKind.True or JsonValueKind.False => value.GetBoolean() ? "true" : "false",
        JsonValueKind.String when field == "next_followup" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            .ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => value.GetString(),
    };
}
