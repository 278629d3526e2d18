namespace Bot.Conversations.Pipeline;

/// <summary>Which door a message came through; replies go back through the same one.</summary>
public enum ChannelKind
{
    App,
    AiBotSingle,
    AiBotGroup,
}

public enum MessageKind
{
    Text,
    /// <summary>The member opened the bot (enter_agent / enter_chat).</summary>
    Enter,
    /// <summary>A card button was clicked; <see cref="IncomingMessage.ButtonKey"/> says which.</summary>
    ButtonClick,
}

/// <summary>A message as the conversation engine sees it: no XML, no HTTP, no WeCom ids beyond the sender.</summary>
public sealed record IncomingMessage(
    long InboundId,
    string SenderId,
    string Text,
    DateTimeOffset ReceivedAt,
    ChannelKind Channel,
    MessageKind Kind = MessageKind.Text,
    string? ButtonKey = null,
    string? ChatId = null);
