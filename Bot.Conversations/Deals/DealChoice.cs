namespace Bot.Conversations.Deals;

/// <summary>Which of a customer's deals a message is about.</summary>
public abstract record DealChoice
{
    /// <summary>One open deal, by the name the message used or because it is the only one.</summary>
    public sealed record Existing(Deal Deal) : DealChoice;

    /// <summary>A deal the customer does not have yet, with the name the message gave it ("" for none).</summary>
    public sealed record Opening(string Title) : DealChoice;

    /// <summary>Several open deals and nothing in the message says which.</summary>
    public sealed record Unclear(IReadOnlyList<Deal> Open) : DealChoice;

    /// <summary>
    /// The deal a message names (二期 → the open deal titled 二期), the only open one, a new one when the message says
    /// new or names one the customer lacks, or unclear — never a guess among several.
    /// </summary>
    public static DealChoice Of(string text, IReadOnlyList<Deal> deals)
    {
        var open = deals.Where(d => d.IsOpen).ToList();
        if (DealTitles.Find(text) is { } title)
            return open.FirstOrDefault(d => d.Title == title) is { } named ? new Existing(named) : new Opening(title);
        if (DealTitles.SaysNew(text))
            return new Opening("");
        return open.Count switch
        {
            0 => new Opening(""),
            1 => new Existing(open[0]),
            _ => new Unclear(open),
        };
    }
}
