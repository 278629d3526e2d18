using System.Text;

namespace Bot.Conversations.Understanding.Text;

/// <summary>
/// One spelling for what reps type on phones: full-width letters and digits become half-width, traditional
/// characters common in sales talk become simplified, Chinese punctuation becomes ASCII, emoji disappear and
/// runs of spaces collapse. Everything downstream matches against this form only.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string text)
    {
        var output = new StringBuilder(text.Length);
        var space = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsEmoji(rune))
                continue;
            var c = rune.IsBmp ? (char)rune.Value : '\0';
            if (c == '\0')
            {
                output.Append(rune.ToString());
                space = false;
                continue;
            }
            c = c switch
            {
                '\u3000' => ' ',
                '，' or '、' => ',',
                '。' => '.',
                '：' => ':',
                '；' => ';',
                '？' => '?',
                '！' => '!',
                '（' => '(',
                '）' => ')',
                '～' or '〜' => '~',
                '“' or '”' or '「' or '」' or '『' or '』' => '"',
                '‘' or '’' => '\'',
                >= '！' and <= '～' => (char)(c - 0xFEE0),
                _ => ChineseCharacters.ToSimplified(c),
            };
            if (char.IsWhiteSpace(c))
            {
                space = output.Length > 0;
                continue;
            }
            if (space)
                output.Append(' ');
            space = false;
            output.Append(c);
        }
        return output.ToString();
    }

    private static bool IsEmoji(Rune rune) =>
        rune.Value is >= 0x1F000 and <= 0x1FAFF or >= 0x2600 and <= 0x27BF or 0xFE0F or 0x200D or >= 0x1F1E6 and <= 0x1F1FF;
}
