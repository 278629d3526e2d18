using System.Globalization;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Dialogs;

/// <summary>A choice button on 「哪一家？」: its key ("pick:42") names the customer it picks.</summary>
public static class PickButton
{
    private const string Prefix = "pick:";

    public static ReplyButton For(long customerId, string text) => new(Prefix + customerId.ToString(CultureInfo.InvariantCulture), text);

    /// <summary>The customer a click picked, or null when the message is no click on such a button.</summary>
    public static long? Picked(IncomingMessage message) =>
        message is { Kind: MessageKind.ButtonClick, ButtonKey: { } key } && key.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(key.AsSpan(Prefix.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
}
