namespace Bot.Conversations.Pipeline;

public enum ReplyKind
{
    Text,
    Markdown,
    /// <summary>A card with buttons; a click comes back as an <see cref="IncomingMessage"/> with the button's key.</summary>
    Card,
}

public sealed record ReplyButton(string Key, string Text);

/// <summary>What the engine wants said, as data; the channel renders it into WeCom's formats and byte limits.</summary>
public sealed record Reply(ReplyKind Kind, string Text, string? Title = null, IReadOnlyList<ReplyButton>? Buttons = null)
{
    public static Reply Plain(string text) => new(ReplyKind.Text, text);

    public static Reply Markdown(string text) => new(ReplyKind.Markdown, text);
}
