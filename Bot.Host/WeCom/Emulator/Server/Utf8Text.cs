using System.Text;

namespace Bot.Host.WeCom.Emulator;

public static class Utf8Text
{
    /// <summary>WeCom cuts text at a byte limit; the emulator cuts on a character boundary so the result stays valid UTF-8.</summary>
    public static string Truncate(string text, int maxBytes)
    {
        var bytes = 0;
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > maxBytes)
                break;
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
