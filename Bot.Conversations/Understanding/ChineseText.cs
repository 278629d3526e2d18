namespace Bot.Conversations.Understanding;

/// <summary>
/// Folds full-width ASCII (１２：３０, ＄, －) and the traditional characters that matter for numbers and dates
/// (萬, 億, 兩, 點, 週, 禮, 後 …) to their plain forms, one character for one, so that spans found in the folded
/// text are the same offsets in what the rep typed.
/// </summary>
internal static class ChineseText
{
    private const string Traditional = "億萬兩倆點負陸貳參幾週禮後個塊號時鐘農曆節慶國勞誕臘閏對雙圓錢單這餘";
    private const string Simplified = "亿万两两点负陆贰参几周礼后个块号时钟农历节庆国劳诞腊闰对双圆钱单这余";

    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
            span[i] = Fold(source[i]);
    });

    private static char Fold(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
            return (char)(c - 0xFEE0);
        if (c == '\u3000')
            return ' ';
        var at = Traditional.IndexOf(c, StringComparison.Ordinal);
        return at >= 0 ? Simplified[at] : c;
    }
}
