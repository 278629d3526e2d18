using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Assistant;

/// <summary>
/// Whether a model's text states only what its material states: every number (digits, or a Chinese numeral with a
/// unit such as 三年 / 八折), every known customer or contact name, every 姓+称谓 (李总, 王经理) and every Latin word
/// (a product or brand) in the text must also be in the material. Strict on purpose: a false alarm costs a
/// template, an invented discount costs a customer.
/// </summary>
public static partial class GroundingCheck
{
    [GeneratedRegex(@"\d+(?:\.\d+)?")]
    private static partial Regex Digits();

    [GeneratedRegex("[零〇一二两三四五六七八九十百千万亿]+(?:个月|个|年|月|天|周|折|倍|成|元|块|家|人|%)")]
    private static partial Regex ChineseQuantities();

    [GeneratedRegex("[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔向汤](?:总监|总|经理|工|主任|老师|校长|院长|局长|处长|科长|部长|董事长|主管|姐|哥)")]
    private static partial Regex TitledNames();

    [GeneratedRegex("[A-Za-z][A-Za-z0-9+#-]+")]
    private static partial Regex LatinWords();

    /// <summary>How many facts in <paramref name="text"/> the material does not contain (0 = grounded).</summary>
    public static int Ungrounded(string text, IEnumerable<string> material, IEnumerable<string> knownNames)
    {
        var output = TextNormalizer.Normalize(text);
        var source = TextNormalizer.Normalize(string.Join("\n", material));
        var numbers = NumbersIn(source);
        var missing = 0;
        foreach (Match number in Digits().Matches(output))
            missing += numbers.Contains(decimal.Parse(number.Value, CultureInfo.InvariantCulture)) ? 0 : 1;
        foreach (Match quantity in ChineseQuantities().Matches(output))
            missing += source.Contains(quantity.Value, StringComparison.Ordinal) || NumeralIn(quantity.Value, numbers) ? 0 : 1;
        foreach (Match name in TitledNames().Matches(output))
            missing += source.Contains(name.Value, StringComparison.Ordinal) ? 0 : 1;
        foreach (Match word in LatinWords().Matches(output))
            missing += source.Contains(word.Value, StringComparison.OrdinalIgnoreCase) ? 0 : 1;
        foreach (var name in knownNames.Where(n => n.Length >= 2).Distinct())
            missing += output.Contains(name, StringComparison.Ordinal) && !source.Contains(name, StringComparison.Ordinal) ? 1 : 0;
        return missing;
    }

    /// <summary>Every value the material states: digits as written, and amounts in yuan and in 万 (15万 = 150000 = 15).</summary>
    private static HashSet<decimal> NumbersIn(string source)
    {
        var numbers = Digits().Matches(source).Select(m => decimal.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();
        foreach (var amount in ChineseAmounts.FindAll(source))
        {
            numbers.Add(amount.Yuan);
            numbers.Add(amount.Yuan / 10_000);
        }
        return numbers;
    }

    private static bool NumeralIn(string quantity, HashSet<decimal> numbers)
    {
        var numeral = new string([.. quantity.TakeWhile(c => "零〇一二两三四五六七八九十百千万亿".Contains(c))]);
        return ChineseNumber.TryParse(numeral, out var value) && numbers.Contains(value);
    }
}
