using Bot.Conversations.Pipeline;

namespace Bot.Host.Messaging;

/// <summary>Maps a decrypted app callback to what the conversation engine understands; null when it has nothing to say.</summary>
public static class AppMessages
{
    public static IncomingMessage? ToIncoming(InboundMessage message, IReadOnlyDictionary<string, string> fields, TimeProvider clock)
    {
        var at = fields.TryGetValue("CreateTime", out var created) && long.TryParse(created, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow();
        return (message.MsgType, fields.GetValueOrDefault("Event")) switch
        {
            ("text", _) => new IncomingMessage(message.Id, message.FromUser, fields.GetValueOrDefault("Content", ""), at, ChannelKind.App),
            ("event", "enter_agent") => new IncomingMessage(message.Id, message.FromUser, "", at, ChannelKind.App, MessageKind.Enter),
            ("event", "template_card_event") => new IncomingMessage(message.Id, message.FromUser, "", at, ChannelKind.App,
                MessageKind.ButtonClick, ButtonKey: fields.GetValueOrDefault("EventKey", "")),
            _ => null,
        };
    }

    public static string Describe(IReadOnlyDictionary<string, string> fields) =>
        string.Join('/', new[] { fields.GetValueOrDefault("MsgType"), fields.GetValueOrDefault("Event"), fields.GetValueOrDefault("ChangeType") }
            .Where(s => !string.IsNullOrEmpty(s)));
}
