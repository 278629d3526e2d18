using Bot.Conversations.Customers;

namespace Bot.Conversations.Merging;

/// <summary>Which two customers a merge request names, or what is still to be asked.</summary>
public abstract record MergeReading
{
    public sealed record Pair(long First, long Second) : MergeReading;

    /// <summary>
    /// <see cref="Mention"/> fits several customers: ask which. <see cref="AskedText"/> is the message to read again
    /// with the answer, written so that the answer settles this mention and keeps what was settled before.
    /// </summary>
    public sealed record Ask(string Mention, IReadOnlyList<long> CustomerIds, string AskedText) : MergeReading;

    /// <summary>Both names are the same customer record.</summary>
    public sealed record Same(string First, string Second, long CustomerId) : MergeReading;

    /// <summary>Only one customer was found; the other name is not in the book (or was never said).</summary>
    public sealed record OnlyOne(long CustomerId) : MergeReading;

    public sealed record NoneFound : MergeReading;
}

/// <summary>
/// Reads the two customers of 「星辰科技和星辰网络科技有限公司是同一家，合并一下」 with the bot's own name finder: the first
/// two customer names in the message (on either side of 和/跟/与/、/), or one name that fits exactly two customers
/// (「把重复的海川合并」). A name settled by another is left out of the other's choices (「南京星辰和星辰合并」: the second
/// 星辰 is not 南京星辰). When a name fits too many, <see cref="MergeReading.Ask"/> says which to ask about; the answer
/// comes back as <c>chosen</c>.
/// </summary>
public static class MergeMentions
{
    private sealed record Mention(int Start, int Length, string Text, List<long> Ids);

    public static MergeReading Read(string text, CustomerDirectory.View view, long? chosen)
    {
        var found = view.Index.Find(text).Where(m => m.CustomerIds.Count > 0).Take(2)
            .Select(m => new Mention(m.Start, m.Length, m.Text, [.. m.CustomerIds.Distinct()])).ToList();
        if (found.Count == 0)
            return new MergeReading.NoneFound();
        if (found.Count == 1)
            return One(found[0], text, chosen);

        var (first, second) = (found[0], found[1]);
        if (chosen is { } id && (first.Ids.Count > 1 && first.Ids.Contains(id) ? first : second.Ids.Count > 1 && second.Ids.Contains(id) ? second : null) is { } picked)
            picked.Ids.RemoveAll(other => other != id);
        if ((Settle(first, second) ?? Settle(second, first)) is { } same)
            return same;
        if (first.Ids.Count > 1)
            return new MergeReading.Ask(first.Text, first.Ids, text);
        if (second.Ids.Count > 1)
            return new MergeReading.Ask(second.Text, second.Ids, Replace(text, first, view.Customers[first.Ids[0]].LegalName));
        return new MergeReading.Pair(first.Ids[0], second.Ids[0]);
    }

    /// <summary>One name: the customer alone, the two it fits, or which of more; asked as if the name had been said twice.</summary>
    private static MergeReading One(Mention mention, string text, long? chosen) => mention.Ids.Count switch
    {
        1 => new MergeReading.OnlyOne(mention.Ids[0]),
        2 => new MergeReading.Pair(mention.Ids[0], mention.Ids[1]),
        _ when chosen is { } id && mention.Ids.Contains(id) => new MergeReading.OnlyOne(id),
        _ => new MergeReading.Ask(mention.Text, mention.Ids, $"{mention.Text}和{text}"),
    };

    /// <summary>A name that means one customer takes that customer out of the other name's choices.</summary>
    private static MergeReading.Same? Settle(Mention settled, Mention other)
    {
        if (settled.Ids.Count != 1 || !other.Ids.Contains(settled.Ids[0]))
            return null;
        if (other.Ids.Count == 1)
            return new MergeReading.Same(settled.Text, other.Text, settled.Ids[0]);
        other.Ids.Remove(settled.Ids[0]);
        return null;
    }

    private static string Replace(string text, Mention mention, string name) =>
        string.Concat(text.AsSpan(0, mention.Start), name, text.AsSpan(mention.Start + mention.Length));
}
