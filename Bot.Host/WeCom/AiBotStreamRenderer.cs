using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bot.Conversations.Pipeline;

namespace Bot.Host.WeCom;

/// <summary>
/// The AI bot's side of the engine's replies (wecom-spec.md §2.5): texts joined into one stream, pictures under its
/// finishing message. What a stream cannot carry — a file, a picture past the tenth — goes to the member through the
/// app instead, and the stream says so.
/// </summary>
public static class AiBotStreamRenderer
{
    private const int MaxContentBytes = 20480;
    private const int MaxImages = 10;
    private const int MaxImageBytes = 10 << 20;

    /// <param name="ViaApp">Replies to send to the member as app messages.</param>
    /// <param name="ImagesLeftOut">Pictures over 10 MB, which neither channel takes; the text before them says the same.</param>
    public sealed record Answer(StreamReply Stream, IReadOnlyList<Reply> ViaApp, int ImagesLeftOut);

    public static Answer Render(IReadOnlyList<Reply> replies)
    {
        var texts = new List<string>();
        var images = new List<byte[]>();
        var viaApp = new List<Reply>();
        var leftOut = 0;
        foreach (var reply in replies)
        {
            switch (reply)
            {
                case { Kind: ReplyKind.Image, Attachment: { } picture } when picture.Content.Length > MaxImageBytes:
                    leftOut++;
                    break;
                case { Kind: ReplyKind.Image, Attachment: { } picture } when images.Count < MaxImages:
                    images.Add(picture.Content);
                    break;
                case { Kind: ReplyKind.Image or ReplyKind.File, Attachment: { } attachment }:
                    viaApp.Add(reply);
                    texts.Add($"{(reply.Kind == ReplyKind.File ? "文件" : "图片")}已通过应用消息发给你：{attachment.FileName}");
                    break;
                default:
                    texts.Add(reply.Text);
                    break;
            }
        }
        return new Answer(new StreamReply(string.Join("\n\n", texts), Finished: true, images.Count == 0 ? null : images), viaApp, leftOut);
    }

    /// <summary>The stream message WeCom shows; pictures go only into the finishing one, each with the md5 of its bytes.</summary>
    public static JsonObject ToJson(string id, StreamReply reply)
    {
        var stream = new JsonObject { ["id"] = id, ["finish"] = reply.Finished, ["content"] = Utf8Text.Truncate(reply.Content, MaxContentBytes) };
        if (reply is { Finished: true, Images.Count: > 0 })
            stream["msg_item"] = new JsonArray([.. reply.Images.Select(Image)]);
        return new JsonObject { ["msgtype"] = "stream", ["stream"] = stream };
    }

    private static JsonObject Image(byte[] bytes) => new()
    {
        ["msgtype"] = "image",
#pragma warning disable CA5351 // MD5 is what WeCom's protocol prescribes; it is a checksum here, it protects nothing.
        ["image"] = new JsonObject { ["base64"] = Convert.ToBase64String(bytes), ["md5"] = Convert.ToHexStringLower(MD5.HashData(bytes)) },
#pragma warning restore CA5351
    };
}
