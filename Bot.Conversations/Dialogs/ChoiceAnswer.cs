using System.Text.RegularExpressions;
using Bot.Conversations.Customers;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// Which of the offered customers an answer to 「哪一家？」 picks: a number (2), an ordinal (第二家, 最后一个), the
/// button's own text (2. 星辰网络), a word that only one of them has (杭州那家, 成都的), or a name.
/// </summary>
public static partial class ChoiceAnswer
{
    private const string Numerals = "一二三四五六";

    private const string Filler = "是的那家个这吧啊呀呢,.!?。，！？ ";

    [GeneratedRegex(@"^\s*(第|选|要)?\s*(?<n>[1-6一二三四五六])\s*(个|家|号|条)?\s*(吧|那家|那个)?\s*[.!。]?\s*$")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"^\s*(最后|末尾)(一个|一家|那个|那家)\s*$")]
    private static partial Regex Last();

    [GeneratedRegex(@"^\s*(?<n>[1-6])\s*[.、)]\s*(?<name>.+)$")]
    private static partial Regex ButtonText();

    [GeneratedRegex(@"^\s*(是|就是|选|要)?\s*(?<word>.+?)\s*(那家|那个|这家|这个|的那家|的那个|那边|的)?\s*(吧|啊|呀)?\s*[.!。]?\s*$")]
    private static partial Regex Distinguishing();

    public static long? Pick(string text, IReadOnlyList<long> offered, CustomerDirectory.View view)
    {
        if (Position(text, offered.Count) is { } position)
            return position > 0 ? offered[position - 1] : null;
        // A name is an answer only when the message is little more than the name ("成都星辰那家"); a new message that
        // happens to name one of them ("刚给星辰网络的李总打了电话…") is read as itself.
        var names = view.Index.Find(text);
        var left = text.Length - names.Sum(m => m.Length) - text.Count(c => Filler.Contains(c));
        var named = names.SelectMany(m => m.CustomerIds.Concat(m.Contacts.Select(c => c.CustomerId))).Where(offered.Contains).Distinct().ToList();
        if (named.Count == 1 && left <= 3)
            return named[0];
        if (text.Length <= 10 && Distinguishing().Match(text) is { Success: true } phrase && phrase.Groups["word"].Value is { Length: >= 2 } word)
        {
            var having = offered.Where(id => view.Customers.TryGetValue(id, out var c) && CustomerNameForms.Normalize(c.LegalName).Contains(word, StringComparison.OrdinalIgnoreCase)).ToList();
            if (having.Count == 1)
                return having[0];
        }
        return null;
    }

    /// <summary>
    /// Which of <paramref name="count"/> numbered choices a number, an ordinal or a button's text picks (1-based); 0 when it
    /// names a number that is not offered; null when the answer is no number at all.
    /// </summary>
    public static int? Position(string text, int count)
    {
        var n = Ordinal().Match(text) is { Success: true } ordinal ? Number(ordinal.Groups["n"].Value)
            : Last().IsMatch(text) ? count
            : ButtonText().Match(text) is { Success: true } button ? Number(button.Groups["n"].Value)
            : (int?)null;
        return n is { } picked ? (picked >= 1 && picked <= count ? picked : 0) : null;
    }

    private static int Number(string n) => Numerals.IndexOf(n[0], StringComparison.Ordinal) is var i and >= 0 ? i + 1 : n[0] - '0';

}
