using System.Globalization;

namespace Bot.Conversations.Understanding;

/// <summary>
/// Reads a number the way reps and spreadsheets write it: 12,000 · 1.5万 · 15w · 8k · 一百二十万 ·
/// 壹拾万 · 两万五 · 30多万 · ¥3000元 · 50元6角三分 · 负三十二 · 三点五万 · 三分之一 · 五兆六十二亿.
/// Scientific notation, powers (2^5), slash fractions (3/5, which reads like a date) and 打 (dozen) are refused.
/// </summary>
public static class ChineseNumber
{
    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['○'] = 0, ['一'] = 1, ['壹'] = 1, ['幺'] = 1, ['二'] = 2, ['贰'] = 2, ['两'] = 2,
        ['三'] = 3, ['叁'] = 3, ['参'] = 3, ['四'] = 4, ['肆'] = 4, ['五'] = 5, ['伍'] = 5, ['六'] = 6, ['陆'] = 6,
        ['七'] = 7, ['柒'] = 7, ['八'] = 8, ['捌'] = 8, ['九'] = 9, ['玖'] = 9,
    };

    private static readonly Dictionary<char, decimal> SmallUnits = new()
    {
        ['十'] = 10, ['拾'] = 10, ['百'] = 100, ['佰'] = 100, ['千'] = 1000, ['仟'] = 1000, ['k'] = 1000, ['K'] = 1000,
    };

    private static readonly Dictionary<char, decimal> BigUnits = new()
    {
        ['万'] = 10_000, ['w'] = 10_000, ['W'] = 10_000, ['亿'] = 100_000_000,
        // 兆 in its traditional (and Taiwanese) sense, 10^12; mainland SI usage (兆字节) never carries money.
        ['兆'] = 1_000_000_000_000,
    };

    // "圆整" before "整" so that 圆 survives as the yuan sign; 余/几/多/来 are "and a bit", read as the round figure.
    private static readonly string[] Noise =
        ["人民币", "RMB", "rmb", "¥", "￥", "左右", "大概", "大约", "约", "差不多", "圆整", "多", "余", "几", "来", "整"];

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = ChineseText.Fold(text).Replace(",", "").Replace(" ", "");
        foreach (var noise in Noise)
            s = s.Replace(noise, "", StringComparison.Ordinal);
        var negative = s.Length > 0 && s[0] is '-' or '负';
        if (negative)
            s = s[1..];
        if (s.Length == 0 || !TryParseUnsigned(s, out value))
            return false;
        if (negative)
            value = -value;
        return true;
    }

    private static bool TryParseUnsigned(string s, out decimal value)
    {
        value = 0;
        if (s.Contains("分之", StringComparison.Ordinal))
            return TryParseFraction(s, out value);
        var yuanAt = s.IndexOfAny(['元', '块', '圆']);
        if (yuanAt < 0)
            return TryParseReal(s, out value);
        if (!TryParseReal(s[..yuanAt], out var whole) || !TryParseCents(s[(yuanAt + 1)..], out var cents))
            return false;
        value = whole + cents;
        return true;
    }

    /// <summary>三又四分之一 = 3.25; 一百分之五 = 0.05; either side may carry its own 负.</summary>
    private static bool TryParseFraction(string s, out decimal value)
    {
        value = 0;
        decimal whole = 0;
        var and = s.IndexOf('又', StringComparison.Ordinal);
        if (and >= 0 && !TryParseSigned(s[..and], out whole))
            return false;
        var rest = and >= 0 ? s[(and + 1)..] : s;
        var split = rest.IndexOf("分之", StringComparison.Ordinal);
        if (!TryParseSigned(rest[..split], out var denominator) || denominator == 0
            || !TryParseSigned(rest[(split + 2)..], out var numerator))
            return false;
        value = whole + numerator / denominator;
        return true;
    }

    private static bool TryParseSigned(string s, out decimal value)
    {
        var negative = s.Length > 0 && s[0] is '-' or '负';
        var ok = TryParseReal(negative ? s[1..] : s, out value);
        if (negative)
            value = -value;
        return ok;
    }

    /// <summary>角/毛/分 after the 元: "6角三分" → 0.63; a bare trailing digit after 块 means 角 ("三块五").</summary>
    private static bool TryParseCents(string s, out decimal value)
    {
        value = 0;
        var pendingDigit = -1;
        foreach (var c in s)
        {
            var d = DigitOf(c);
            if (d >= 0)
            {
                if (pendingDigit >= 0)
                    return false;
                pendingDigit = d;
            }
            else if ((c is '角' or '毛') && pendingDigit >= 0)
            {
                value += pendingDigit * 0.1m;
                pendingDigit = -1;
            }
            else if (c == '分' && pendingDigit >= 0)
            {
                value += pendingDigit * 0.01m;
                pendingDigit = -1;
            }
            else if (c != '钱')
            {
                return false;
            }
        }
        if (pendingDigit >= 0)
            value += pendingDigit * 0.1m;
        return true;
    }

    private static int DigitOf(char c) =>
        c is >= '0' and <= '9' ? c - '0' : Digits.TryGetValue(c, out var d) ? d : -1;

    /// <summary>
    /// 点 is the spoken decimal point: 十五点七 = 15.7, 两千万点五五 = 20000000.55, and units after the
    /// fraction scale the whole (三点五万 = 35,000).
    /// </summary>
    private static bool TryParseReal(string s, out decimal value)
    {
        value = 0;
        var point = s.IndexOf('点', StringComparison.Ordinal);
        if (point < 0)
            return TryParseInteger(s, out value);
        decimal whole = 0;
        if (point > 0 && !TryParseInteger(s[..point], out whole))
            return false;
        var after = s[(point + 1)..];
        var digits = 0;
        decimal fraction = 0, scale = 0.1m;
        while (digits < after.Length && DigitOf(after[digits]) is var d and >= 0)
        {
            fraction += d * scale;
            scale /= 10;
            digits++;
        }
        if (digits == 0)
            return false;
        value = whole + fraction;
        if (digits == after.Length)
            return true;
        if (!TryParseInteger("1" + after[digits..], out var unit))
            return false;
        value *= unit;
        return true;
    }

    private static bool TryParseInteger(string s, out decimal value)
    {
        value = 0;
        if (s.Length == 0)
            return false;

        // Closed groups such as 五兆 / 六十二亿 / 四万, each with the unit that closed it: a bigger unit swallows
        // the smaller groups before it (一万五千亿 = 1.5 × 10^12) but not bigger ones (五兆六十二亿).
        var groups = new List<(decimal Value, decimal Unit)>();
        decimal section = 0;
        decimal? number = null;
        decimal lastUnit = 0;
        var zeroSinceUnit = false;
        var sawUnit = false;
        var digitRun = new System.Text.StringBuilder();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                var start = i;
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
                    i++;
                if (number is not null || !decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint,
                        CultureInfo.InvariantCulture, out var parsed))
                    return false;
                number = parsed;
                digitRun.Append(s[start..i]);
                continue;
            }
            if (Digits.TryGetValue(c, out var digit))
            {
                if (digit == 0)
                {
                    zeroSinceUnit = true;
                    digitRun.Append('0');
                }
                else
                {
                    if (number is not null && !sawUnit)
                    {
                        // 二零二六: a run of digit characters without units is read digit by digit.
                        digitRun.Append((char)('0' + digit));
                        number = null;
                        i++;
                        continue;
                    }
                    number = digit;
                    digitRun.Append((char)('0' + digit));
                }
                i++;
                continue;
            }
            if (SmallUnits.TryGetValue(c, out var small))
            {
                // 十五 and a leading 百三 / 千三 stand for one ten, one hundred, one thousand.
                if (number is null && small != 10 && i > 0)
                    return false;
                sawUnit = true;
                section += (number ?? 1) * small;
                number = null;
                lastUnit = small;
                zeroSinceUnit = false;
                i++;
                continue;
            }
            if (BigUnits.TryGetValue(c, out var big))
            {
                sawUnit = true;
                var amount = section + (number ?? 0);
                decimal swallowed = 0;
                // 十万万 and 4.78万亿: a unit right after another multiplies the last group.
                var limit = amount == 0 ? big * 10 : big;
                while (groups.Count > 0 && groups[^1].Unit < limit)
                {
                    swallowed += groups[^1].Value;
                    groups.RemoveAt(groups.Count - 1);
                }
                if (amount + swallowed == 0)
                    return false;
                groups.Add(((amount + swallowed) * big, big));
                section = 0;
                number = null;
                lastUnit = big;
                zeroSinceUnit = false;
                i++;
                continue;
            }
            return false;
        }

        if (!sawUnit)
        {
            var run = digitRun.ToString();
            return run.Length > 0 && decimal.TryParse(run, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
        }

        // 两万五 = 25,000 and 一百二 = 120: a trailing digit right after a unit counts one unit lower.
        var tail = number ?? 0;
        if (number is not null && !zeroSinceUnit && lastUnit >= 100 && number == decimal.Truncate(number.Value) && number < 10)
            tail = number.Value * lastUnit / 10;
        value = groups.Sum(g => g.Value) + section + tail;
        return true;
    }
}
