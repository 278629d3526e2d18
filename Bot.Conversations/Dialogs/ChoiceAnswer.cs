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
        if (Ordinal().Match(text) is { Success: true } ordinal)
            return At(offered, Number(ordinal.Groups["n"].Value));
        if (Last().IsMatch(text))
            return offered.Count > 0 ? offered[^1] : null;
        if (ButtonText().Match(text) is { Success: true } button)
            return At(offered, Number(button.Groups["n"].Value));
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

    private static int Number(string n) => Numerals.IndexOf(n[0], StringComparison.Ordinal) is var i and >= 0 ? i + 1 : n[0] - '0';

    private static long? At(IReadOnlyList<long> offered, int n) => n >= 1 && n <= offered.Count ? offered[n - 1] : null;
}
