using System.Text.RegularExpressions;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Finds amounts of money in a rep's message: 报价30w左右 · 十五万的单子 · 预算8k · ¥3,000 · 壹拾万元 · 两万五 ·
/// 1.2亿 · 五元三毛. A number counts as money only with a sign of it: a currency mark, a magnitude (千/万/亿/k/w)
/// or a price word before it (报价, 预算 …). Dates and times, phone numbers, ordinals (第2次), counts (3个人,
/// 两万人) and other currencies (5美元) are left alone.
/// </summary>
public static partial class ChineseAmounts
{
    // A number starts with a digit (not a unit, so 千万别 and 万一 stay words); inner 多/余/来/几 only before a unit.
    // A comma only joins digit groups (1,200); after a word it is punctuation ("签了,30万"). 1.2个w is 1.2万.
    [GeneratedRegex(@"\G(?<![0-9.a-zA-Z第])(?<![0-9],)(?:[0-9]|[零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾])(?:[0-9]|(?<=[0-9]),(?=[0-9]{3})|(?<=[0-9])\.(?=[0-9])|点(?=[零一二三四五六七八九])|[零〇一二两三四五六七八九十百千万亿兆壹贰叁肆伍陆柒捌玖拾佰仟]|[多余来几](?=[十百千万亿])|(?<=[0-9])个(?=[wW万千kK]))*(?:[kKwW](?![a-zA-Z]))?")]
    private static partial Regex Number();

    private static readonly System.Buffers.SearchValues<char> NumberStarts = System.Buffers.SearchValues.Create("0123456789零〇一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾");

    [GeneratedRegex(@"(?:[¥￥]|人民币|RMB|rmb)\s*$")]
    private static partial Regex CurrencyBefore();

    // 元/块/圆 with its 角/分 tail (50元6角三分, 三块五), or a trailing 人民币.
    [GeneratedRegex(@"\G(?:多|余|来)?\s*(?:(?:元|块钱|块|圆)(?:[0-9零一二三四五六七八九][角毛分])*(?:(?<=块)[0-9一二三四五六七八九](?![0-9零一二三四五六七八九十百千万]))?(?:钱)?(?:\s*人民币)?|\s*人民币|RMB)")]
    private static partial Regex CurrencyAfter();

    [GeneratedRegex(@"\G(?:多|余|来|几)?(?:美元|美金|美圆|欧元|日元|港币|港元|英镑|韩元|卢布|个|人|位|名|家|次|回|遍|台|套|件|张|条|款|只|支|瓶|箱|份|盒|本|页|户|栋|层|楼|号|日|天|周|星期|月|年|岁|点|时|小时|分钟|秒|%|％|折|成|倍|公里|米|斤|吨|升|平|方|亩|克|度|级|分之)")]
    private static partial Regex NotMoneyAfter();

    public static IReadOnlyList<MoneyAmount> FindAll(string text) => FindAll(text, ChineseDateTime.FindAll(text, DateTimeOffset.UnixEpoch));

    /// <summary>The amounts outside <paramref name="dates"/> (already found in the same text): 12.3, 3点, 3天后 are not money.</summary>
    public static IReadOnlyList<MoneyAmount> FindAll(string text, IReadOnlyList<TimeExpression> dates)
    {
        var folded = ChineseText.Fold(text);
        var claimed = dates.Select(e => (e.Start, End: e.Start + e.Length)).ToList();
        var found = new List<MoneyAmount>();
        var i = 0;
        while (i < folded.Length)
        {
            // A number starts with a digit or a numeral (Number's first class); other positions start none.
            if (!NumberStarts.Contains(folded[i]))
            {
                i++;
                continue;
            }
            var number = Number().Match(folded, i);
            if (!number.Success)
            {
                i++;
                continue;
            }
            var end = number.Index + number.Length;
            if (Read(text, folded, number, claimed) is { } amount)
            {
                found.Add(amount);
                end = amount.Start + amount.Length;
            }
            i = end;
        }
        return found;
    }

    private static MoneyAmount? Read(string text, string folded, Match number, List<(int Start, int End)> claimed)
    {
        var start = number.Index;
        var end = start + number.Length;
        if (claimed.Any(c => c.Start < end && start < c.End))
            return null;
        var before = CurrencyBefore().Match(folded[..start]);
        var after = CurrencyAfter().Match(folded, end);
        // 人民币 starts with 人, so the yuan check comes before the count check.
        if ((!after.Success && NotMoneyAfter().IsMatch(folded, end)) || folded[..start].TrimEnd().EndsWith('$'))
            return null;
        var core = number.Value;
        var magnitude = core.IndexOfAny(['千', '万', '亿', '兆', 'k', 'K', 'w', 'W']) >= 0;
        // 13812345678 after 转账 is a phone number, whatever the cue says.
        var phone = core.Length >= 11 && core.All(char.IsAsciiDigit) && core[0] == '1';
        var currency = before.Success || after.Success;
        if (!currency && (phone || !(magnitude || MoneyCues.Precede(folded, start))))
            return null;
        var spanStart = before.Success ? before.Index : start;
        var spanEnd = after.Success ? end + after.Length : end;
        var span = text[spanStart..spanEnd];
        return ChineseNumber.TryParse(span.Replace("个", "", StringComparison.Ordinal), out var yuan) ? new MoneyAmount(spanStart, spanEnd - spanStart, span, yuan) : null;
    }
}
