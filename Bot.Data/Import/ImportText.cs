using System.Text;

namespace Bot.Data.Import;

/// <summary>
/// Turns an uploaded file into text. Excel in China saves CSV as GBK unless told otherwise,
/// and as UTF-8 with a BOM when it is; both arrive here, as does UTF-16 "Unicode text".
/// </summary>
public static class ImportText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static ImportText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string EncodingName) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (StrictUtf8.GetString(bytes[3..]), "UTF-8 (BOM)");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode.GetString(bytes[2..]), "UTF-16");
        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // GB18030 is a superset of GBK and GB2312, so it reads all three.
            return (Encoding.GetEncoding("GB18030").GetString(bytes), "GBK");
        }
    }
}
