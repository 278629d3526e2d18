using System.Text.Json.Nodes;
using Bot.Conversations.Pipeline;

namespace Bot.Host.WeCom;

/// <summary>
/// A picture or file for one member as the outbox keeps it: the bytes themselves (Base64 in the row) with the file
/// name, msgtype and caption, so a restart or a retry uploads them again instead of naming a media_id WeCom forgets
/// after 3 days. Sending is media/upload, then message/send with the new media_id.
/// </summary>
public sealed record AppMedia(string ToUser, string MsgType, string FileName, string Caption, byte[] Content)
{
    // WeCom's limits (wecom-spec.md §7): a file must be larger than 5 bytes, a picture at most 10 MB, a file 20 MB.
    private const int MinBytes = 6;
    private const int MaxImageBytes = 10 << 20;
    private const int MaxFileBytes = 20 << 20;

    public static AppMedia Of(string toUser, Reply reply, ReplyAttachment attachment) =>
        new(toUser, reply.Kind == ReplyKind.Image ? "image" : "file", attachment.FileName, reply.Text, attachment.Content);

    public static AppMedia FromPayload(string payload)
    {
        var o = JsonNode.Parse(payload)!.AsObject();
        return new(o["touser"]!.GetValue<string>(), o["msgtype"]!.GetValue<string>(), o["file_name"]!.GetValue<string>(),
            o["caption"]?.GetValue<string>() ?? "", Convert.FromBase64String(o["content_base64"]!.GetValue<string>()));
    }

    public string ToPayload() => new JsonObject
    {
        ["touser"] = ToUser,
        ["msgtype"] = MsgType,
        ["file_name"] = FileName,
        ["caption"] = Caption,
        ["content_base64"] = Convert.ToBase64String(Content),
    }.ToJsonString(WeComJson.Options);

    /// <summary>Why WeCom would refuse these bytes, known before uploading them; null when they fit its limits.</summary>
    public string? Refusal
    {
        get
        {
            var limit = MsgType == "image" ? MaxImageBytes : MaxFileBytes;
            if (Content.Length > limit)
                return $"{MsgType} \"{FileName}\" ({Caption}) is {Content.Length / 1048576.0:0.0} MB, over WeCom's {limit >> 20} MB limit for a {MsgType}; not sent";
            return Content.Length < MinBytes ? $"{MsgType} \"{FileName}\" ({Caption}) has {Content.Length} bytes, WeCom takes only more than 5; not sent" : null;
        }
    }

    /// <summary>The part's Content-Type; the chart pictures are PNG, a JPG is told by its first bytes.</summary>
    public string ContentType => MsgType != "image" ? "application/octet-stream" : Content is [0xFF, 0xD8, ..] ? "image/jpeg" : "image/png";

    /// <summary>The message/send body once the bytes are uploaded (agentid is added at send time).</summary>
    public JsonObject MessageBody(string mediaId) => new()
    {
        ["touser"] = ToUser,
        ["msgtype"] = MsgType,
        [MsgType] = new JsonObject { ["media_id"] = mediaId },
    };
}

/// <summary>WeCom would refuse the bytes whatever the attempt, so they are never uploaded and the message is parked.</summary>
public sealed class MediaRefusedException(string message) : Exception(message);
