namespace Bot.Conversations.Pipeline;

public enum ReplyKind
{
    Text,
    Markdown,
    /// <summary>A card with buttons; a click comes back as an <see cref="IncomingMessage"/> with the button's key.</summary>
    Card,
    /// <summary>A picture (PNG) in <see cref="Reply.Attachment"/>; <see cref="Reply.Text"/> says in words what it shows.</summary>
    Image,
    /// <summary>A file (an .xlsx report) in <see cref="Reply.Attachment"/>; <see cref="Reply.Text"/> says what it holds.</summary>
    File,
}

public sealed record ReplyButton(string Key, string Text);

/// <summary>The bytes of a picture or file a reply carries, with the file name the recipient sees.</summary>
public sealed record ReplyAttachment(string FileName, byte[] Content);

/// <summary>
/// What the engine wants said, as data; the channel renders it into WeCom's formats and byte limits. A picture or a
/// file always comes after a text reply that says the same in words, so a channel that cannot show it loses nothing.
/// </summary>
public sealed record Reply(ReplyKind Kind, string Text, string? Title = null, IReadOnlyList<ReplyButton>? Buttons = null, ReplyAttachment? Attachment = null)
{
    public static Reply Plain(string text) => new(ReplyKind.Text, text);

    public static Reply Markdown(string text) => new(ReplyKind.Markdown, text);

    /// <param name="caption">What the picture shows, in one line (the sandbox and logs show it; WeCom shows only the picture).</param>
    public static Reply Image(string fileName, byte[] png, string caption) => new(ReplyKind.Image, caption, Attachment: new ReplyAttachment(fileName, png));

    public static Reply File(string fileName, byte[] content, string caption) => new(ReplyKind.File, caption, Attachment: new ReplyAttachment(fileName, content));
}
