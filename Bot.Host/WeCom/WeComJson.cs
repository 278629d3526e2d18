using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Bot.Host.WeCom;

public static class WeComJson
{
    /// <summary>
    /// WeCom rejects \uXXXX escapes (errcode 40033). System.Text.Json escapes CJK by default, and even its relaxed
    /// encoder escapes characters outside the BMP (emoji), so ours escapes only what JSON itself requires.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = new MinimalJsonEncoder(),
    };

    private sealed class MinimalJsonEncoder : JavaScriptEncoder
    {
        public override int MaxOutputCharactersPerInputCharacter => 6;

        public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

        public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
        {
            for (var i = 0; i < textLength; i++)
            {
                if (text[i] is < (char)0x20 or '"' or '\\')
                    return i;
            }
            return -1;
        }

        public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
        {
            var escaped = unicodeScalar switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < 0x20 => $"\\u{unicodeScalar:X4}",
                _ => new Rune(unicodeScalar).ToString(),
            };
            if (escaped.Length > bufferLength)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            escaped.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
            numberOfCharactersWritten = escaped.Length;
            return true;
        }
    }
}
