using Bot.Conversations.Customers;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Understanding;

/// <summary>
/// What a message is made of before anything is decided: its normalised text with ID and bank card numbers
/// masked, the names in it, and, in what is left once the names are blanked out ("华东精密" is not a number,
/// "李总3" not the 3rd), its dates and amounts.
/// </summary>
public sealed record MessageReading(string Text, bool Redacted, IReadOnlyList<NameMatch> Names, string Rest, IReadOnlyList<TimeExpression> Times, IReadOnlyList<MoneyAmount> Amounts)
{
    /// <summary>What the classifiers see (<see cref="Model.ModelText"/>).</summary>
    public string ModelText => Model.ModelText.Of(Text, Names, Times, Amounts);

    public static MessageReading Of(string raw, DateTimeOffset now, CustomerDirectory.View view)
    {
        var (text, redacted) = PersonalData.Redact(TextNormalizer.Normalize(raw));
        var names = view.Index.Find(text);
        var rest = Blank(text, names);
        var times = ChineseDateTime.FindAll(rest, now, DateBias.Future);
        return new MessageReading(text, redacted, names, rest, times, ChineseAmounts.FindAll(rest, times));
    }

    private static string Blank(string text, IReadOnlyList<NameMatch> matches)
    {
        if (matches.Count == 0)
            return text;
        var chars = text.ToCharArray();
        foreach (var match in matches)
            Array.Fill(chars, '　', match.Start, match.Length);
        return new string(chars);
    }
}
