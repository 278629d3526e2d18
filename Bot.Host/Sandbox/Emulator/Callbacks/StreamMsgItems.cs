using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// WeCom's rules for the pictures under an AI-bot stream reply (wecom-spec.md §2.5): only in the finish:true reply, at
/// most 10, each a JPG or PNG of at most 10 MB before Base64, with the md5 of those raw bytes.
/// </summary>
public static class StreamMsgItems
{
    public const int MaxImages = 10;
    public const int MaxImageBytes = 10 << 20;

    /// <returns>What is wrong with the stream's msg_item, or null when it has none or all is well.</returns>
    public static string? Check(JsonObject stream, bool finished)
    {
        if (stream["msg_item"] is not { } items)
            return null;
        if (items is not JsonArray list)
            return "msg_item is not an array";
        if (!finished)
            return "msg_item is only allowed in the finish:true reply";
        if (list.Count > MaxImages)
            return $"msg_item has {list.Count} pictures, at most {MaxImages} are allowed";
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject item || item.GetText("msgtype") != "image" || item["image"] is not JsonObject image)
                return $"msg_item[{i}] is not an image";
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(image.GetText("base64") ?? "");
            }
            catch (FormatException)
            {
                return $"msg_item[{i}].image.base64 is not Base64";
            }
            if (bytes.Length is 0 or > MaxImageBytes || !ImageBytes.IsJpgOrPng(bytes))
                return $"msg_item[{i}] is not a JPG or PNG of at most 10 MB";
#pragma warning disable CA5351 // MD5 is what WeCom's protocol prescribes; it is a checksum here, it protects nothing.
            if (!string.Equals(image.GetText("md5"), Convert.ToHexStringLower(MD5.HashData(bytes)), StringComparison.OrdinalIgnoreCase))
                return $"msg_item[{i}].image.md5 is not the md5 of its bytes";
#pragma warning restore CA5351
        }
        return null;
    }
}
