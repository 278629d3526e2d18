using System.Text;

namespace Bot.Data.Import;

/// <summary>
/// Turns an uploaded file into text. Excel in China saves CSV as GBK unless told otherwise, and as UTF-8 with a BOM
/// when it is; both arrive here, as does UTF-16 "Unicode text" — and files pasted together from both. The encoding
/// is decided on evidence, by the lines with Chinese in them: when at least as many are valid UTF-8 as are not, the
/// file is UTF-8, and a line that is not is left out and named (<see cref="Decoded.Undecodable"/>) rather than read
/// as mojibake; otherwise it is GBK (GB18030, a superset of GBK and GB2312). A vote rather than "any valid line":
/// a short GBK line can be valid UTF-8 by accident (伟业, 一元 are), and must not turn a GBK file into UTF-8.
/// </summary>
public static class ImportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The text (undecodable lines left empty, so line numbers still match the file), its encoding, and the lines left out.</summary>
    public sealed record Decoded(string Text, string EncodingName, IReadOnlyList<int> Undecodable);

    public const string UndecodableReason = "这一行不是 UTF-8 编码（像是从 GBK 文件粘过来的），读不出来，已跳过；请把整个文件另存为 UTF-8 后重新导入这一行";

    public static Decoded Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new(Encoding.Unicode.GetString(bytes[2..]), "UTF-16", []);
        var bom = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var body = bom ? bytes[3..] : bytes;
        var lines = Lines(body);
        var valid = 0;
        var invalid = new List<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = body[lines[i].Start..lines[i].End];
            if (line.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
                continue;
            if (IsUtf8(line))
                valid++;
            else
                invalid.Add(i + 1);
        }
        if (!bom && invalid.Count > valid)
            return new(Encoding.GetEncoding("GB18030").GetString(body), "GBK", []);

        var text = new StringBuilder(body.Length);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!invalid.Contains(i + 1))
                text.Append(StrictUtf8.GetString(body[lines[i].Start..lines[i].End]));
            if (i < lines.Count - 1)
                text.Append('\n');
        }
        return new(text.ToString(), bom ? "UTF-8 (BOM)" : "UTF-8", invalid);
    }

    private static bool IsUtf8(ReadOnlySpan<byte> line)
    {
        try
        {
            StrictUtf8.GetCharCount(line);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Lines split at \n (a byte no GBK or UTF-8 multi-byte character contains); a trailing \r stays with its line.</summary>
    private static List<(int Start, int End)> Lines(ReadOnlySpan<byte> body)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == (byte)'\n')
            {
                lines.Add((start, i));
                start = i + 1;
            }
        }
        lines.Add((start, body.Length));
        return lines;
    }
}
