using System.Text.Json.Nodes;
using Bot.Conversations.Pipeline;

namespace Bot.Host.WeCom;

/// <summary>Turns the engine's replies into message/send bodies within WeCom's byte limits (agentid is added at send time).</summary>
public static class AppMessageRenderer
{
    public const string Kind = "message";

    /// <summary>A picture or file: its payload is an <see cref="AppMedia"/>, uploaded when the row is sent.</summary>
    public const string MediaKind = "media_message";

    private const int TextLimit = 2048;

    public static OutgoingMessage Render(string toUser, Reply reply, string idempotencyKey)
    {
        if (reply is { Kind: ReplyKind.Image or ReplyKind.File, Attachment: { } attachment })
            return new OutgoingMessage(idempotencyKey, "app", toUser, MediaKind, AppMedia.Of(toUser, reply, attachment).ToPayload());
        JsonObject body = reply.Kind switch
        {
            ReplyKind.Markdown => new JsonObject
            {
                ["touser"] = toUser,
                ["msgtype"] = "markdown",
                ["markdown"] = new JsonObject { ["content"] = Utf8Text.Truncate(reply.Text, TextLimit) },
            },
            ReplyKind.Card when reply.Buttons is { Count: > 0 } buttons => Card(toUser, reply, buttons, idempotencyKey),
            _ => new JsonObject
            {
                ["touser"] = toUser,
                ["msgtype"] = "text",
                ["text"] = new JsonObject { ["content"] = Utf8Text.Truncate(reply.Text, TextLimit) },
            },
        };
        return new OutgoingMessage(idempotencyKey, "app", toUser, Kind, body.ToJsonString(WeComJson.Options));
    }

    public const string UpdateCardKind = "update_card";

    /// <summary>message/update_template_card for a clicked card: its buttons become one grey "已处理".</summary>
    public static OutgoingMessage ButtonDone(string toUser, string responseCode)
    {
        var body = new JsonObject
        {
            ["userids"] = new JsonArray(toUser),
            ["response_code"] = responseCode,
            ["button"] = new JsonObject { ["replace_name"] = "已处理" },
        };
        return new OutgoingMessage("card:" + responseCode, "app", toUser, UpdateCardKind, body.ToJsonString(WeComJson.Options));
    }

    private static JsonObject Card(string toUser, Reply reply, IReadOnlyList<ReplyButton> buttons, string idempotencyKey)
    {
        var list = new JsonArray();
        foreach (var button in buttons.Take(6))
            list.Add(new JsonObject { ["type"] = 0, ["text"] = Utf8Text.Truncate(button.Text, 30), ["style"] = list.Count == 0 ? 1 : 2, ["key"] = Utf8Text.Truncate(button.Key, 1024) });
        return new JsonObject
        {
            ["touser"] = toUser,
            ["msgtype"] = "template_card",
            ["template_card"] = new JsonObject
            {
                ["card_type"] = "button_interaction",
                ["main_title"] = new JsonObject { ["title"] = Utf8Text.Truncate(reply.Title ?? "销售助手", 128) },
                ["sub_title_text"] = Utf8Text.Truncate(reply.Text, 512),
                // The task id must be unique within the app and only [0-9A-Za-z_-@]; the idempotency key is unique.
                ["task_id"] = TaskId(idempotencyKey),
                ["button_list"] = list,
            },
        };
    }

    private static string TaskId(string key)
    {
        var clean = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '@' ? c : '_')]);
        return clean.Length <= 128 ? clean : clean[^128..];
    }
}
