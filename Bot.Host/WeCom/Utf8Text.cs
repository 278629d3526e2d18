using System.Text;

namespace Bot.Host.WeCom;

/// <summary>WeCom's limits are in UTF-8 bytes (a Chinese character is 3), not in characters.</summary>
public static class Utf8Text
{
    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxBytes"/> bytes, never inside a character or surrogate pair.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
            return text;
        var bytes = 0;
        var end = 0;
        while (end < text.Length)
        {
            var width = char.IsHighSurrogate(text[end]) && end + 1 < text.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(end, width));
            if (bytes + size > maxBytes)
                break;
            bytes += size;
            end += width;
        }
        return text[..end];
    }
}
