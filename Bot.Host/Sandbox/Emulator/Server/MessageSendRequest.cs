using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Host.WeCom;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// Validates a message/send body as WeCom does (wecom-spec.md §5): applies the 2048-byte truncation, and a picture,
/// voice, video or file must name a media_id uploaded as that type within the last 3 days (40007 otherwise).
/// </summary>
public static partial class MessageSendRequest
{
    public const int MaxTextBytes = 2048;

    private static readonly HashSet<string> TextTypes = ["text", "markdown"];
    private static readonly HashSet<string> MediaTypes = ["image", "voice", "video", "file"];
    private static readonly HashSet<string> OtherTypes = ["textcard", "news", "template_card", .. MediaTypes];
    private static readonly HashSet<string> InteractiveCards = ["button_interaction", "vote_interaction", "multiple_interaction"];

    public static int TryParse(JsonObject body, int agentId, MessageStore messages, MediaStore media, out AppSendRequest? message)
    {
        message = null;
        if (body.GetNumber("agentid") != agentId)
            return EmulatorErrors.InvalidAgentId;
        var recipients = (body.GetText("touser") ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        if (recipients.Count is 0 or > 1000)
            return EmulatorErrors.MissingParameter;
        var msgType = body.GetText("msgtype") ?? "";
        if (!TextTypes.Contains(msgType) && !OtherTypes.Contains(msgType))
            return EmulatorErrors.InvalidMessageType;
        if (body[msgType] is not JsonObject payload)
            return TextTypes.Contains(msgType) ? EmulatorErrors.EmptyContent : EmulatorErrors.MissingParameter;

        if (TextTypes.Contains(msgType))
        {
            var content = payload.GetText("content");
            if (string.IsNullOrEmpty(content))
                return EmulatorErrors.EmptyContent;
            var bytes = Encoding.UTF8.GetByteCount(content);
            var kept = bytes > MaxTextBytes ? Utf8Text.Truncate(content, MaxTextBytes) : content;
            payload["content"] = kept;
            message = new(recipients, msgType, kept, Snapshot(payload), bytes > MaxTextBytes, bytes, null, false);
            return 0;
        }
        if (MediaTypes.Contains(msgType))
        {
            var mediaId = payload.GetText("media_id");
            if (string.IsNullOrEmpty(mediaId))
                return EmulatorErrors.MissingParameter;
            if (media.FindUsable(mediaId) is not { } stored || stored.Type != msgType)
                return EmulatorErrors.InvalidMediaId;
            message = new(recipients, msgType, null, Snapshot(payload), false, 0, null, false, stored);
            return 0;
        }
        if (msgType != "template_card")
        {
            message = new(recipients, msgType, null, Snapshot(payload), false, 0, null, false);
            return 0;
        }

        var cardType = payload.GetText("card_type");
        if (string.IsNullOrEmpty(cardType))
            return EmulatorErrors.MissingParameter;
        var interactive = InteractiveCards.Contains(cardType);
        var taskId = payload.GetText("task_id");
        if (taskId is null && (interactive || payload["action_menu"] is not null))
            return EmulatorErrors.MissingParameter;
        if (taskId is not null && (!TaskIdPattern().IsMatch(taskId) || !messages.TryReserveTaskId(taskId)))
            return EmulatorErrors.InvalidParameter;
        if (cardType == "button_interaction" && payload["button_list"] is not JsonArray { Count: > 0 and <= 6 })
            return EmulatorErrors.MissingParameter;
        message = new(recipients, msgType, null, Snapshot(payload), false, 0, taskId, interactive);
        return 0;
    }

    private static JsonElement Snapshot(JsonObject payload) => JsonSerializer.SerializeToElement(payload, EmulatorJson.WeCom);

    [GeneratedRegex("^[0-9A-Za-z_@-]{1,128}$")]
    private static partial Regex TaskIdPattern();
}
