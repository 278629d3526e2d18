using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Conversations.Pipeline;

namespace Bot.Host.Messaging;

/// <summary>Maps an AI-bot callback (text, or voice already transcribed by WeCom) to an <see cref="IncomingMessage"/>.</summary>
public static partial class AiBotMessages
{
    // "@销售助手 本周漏斗": in a group the text starts with the bot's mention, which is not part of the request.
    [GeneratedRegex(@"^\s*@\S+\s+")]
    private static partial Regex LeadingMention();

    /// <summary>
    /// Every field <see cref="ToIncoming"/> reads, each a string when present: the callback refuses a message where one is
    /// anything else, so nothing stored can fail here.
    /// </summary>
    public static readonly IReadOnlyList<string[]> StringFields = [["msgtype"], ["text", "content"], ["voice", "content"], ["chattype"], ["chatid"]];

    public static IncomingMessage ToIncoming(InboundMessage message, JsonNode payload, TimeProvider clock)
    {
        var text = payload["msgtype"]?.GetValue<string>() == "voice"
            ? payload["voice"]?["content"]?.GetValue<string>() ?? ""
            : payload["text"]?["content"]?.GetValue<string>() ?? "";
        var group = payload["chattype"]?.GetValue<string>() == "group";
        return new IncomingMessage(
            message.Id, message.FromUser, LeadingMention().Replace(text, ""), clock.GetUtcNow(),
            group ? ChannelKind.AiBotGroup : ChannelKind.AiBotSingle, ChatId: payload["chatid"]?.GetValue<string>());
    }
}
