namespace Bot.Conversations.Understanding;

/// <summary>
/// Reads a number the way reps and spreadsheets write it: 12,000 · 1.5万 · 15w · 8k · 一百二十万 ·
/// 壹拾万 · 两万五 · 30多万 · ¥3000元 · 50元6角三分.
/// </summary>
public static class ChineseNumber
{
    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['○'] = 0, ['一'] = 1, ['壹'] = 1, ['幺'] = 1, ['二'] = 2, ['贰'] = 2, ['两'] = 2,
        ['三'] = 3, ['叁'] = 3, ['四'] = 4, ['肆'] = 4, ['五'] = 5, ['伍'] = 5, ['六'] = 6, ['陆'] = 6,
        ['七'] = 7, ['柒'] = 7, ['八'] = 8, ['捌'] = 8, ['九'] = 9, ['玖'] = 9,
    };

    private static readonly Dictionary<char, decimal> SmallUnits = new()
    {
        ['十'] = 10, ['拾'] = 10, ['百'] = 100, ['佰'] = 100, ['千'] = 1000, ['仟'] = 1000, ['k'] = 1000, ['K'] = 1000,
    };

    private static readonly Dictionary<char, decimal> BigUnits = new()
    {
        ['万'] = 10_000, ['萬'] = 10_000, ['w'] = 10_000, ['W'] = 10_000, ['亿'] = 100_000_000,
    };

    private static readonly string[] Noise = ["人民币", "RMB", "rmb", "¥", "￥", "左右", "大概", "大约", "约", "差不多", "多", "来", "整", "圆整"];

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim().Replace(",", "").Replace("，", "").Replace(" ", "");
        foreach (var noise in Noise)
            s = s.Replace(noise, "");
        if (s.Length == 0)
            return false;

        var yuanAt = s.IndexOfAny(['元', '块', '圆']);
        if (yuanAt < 0)
            return TryParseInteger(s, out value);
        if (!TryParseInteger(s[..yuanAt], out var whole))
            return false;
        if (!TryParseFraction(s[(yuanAt + 1)..], out var fraction))
            return false;
        value = whole + fraction;
        return true;
    }

    /// <summary>角/毛/分 after the 元: "6角三分" → 0.63; a bare trailing digit after 块 means 角 ("三块五").</summary>
    private static bool TryParseFraction(string s, out decimal value)
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

    private static bool TryParseInteger(string s, out decimal value)
    {
        value = 0;
        if (s.Length == 0)
            return false;

        decimal total = 0, section = 0;
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
                if (number is not null || !decimal.TryParse(s[start..i], System.Globalization.NumberStyles.AllowDecimalPoint,
                        System.Globalization.CultureInfo.InvariantCulture, out var parsed))
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
                sawUnit = true;
                section += (number ?? (small == 10 ? 1 : 0)) * small;
                if (number is null && small != 10)
                    return false;
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
                if (amount == 0)
                {
                    if (total == 0)
                        return false;
                    total *= big;
                }
                else if (big > 10_000)
                {
                    total = (total + amount) * big;
                }
                else
                {
                    total += amount * big;
                }
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
            return run.Length > 0 && decimal.TryParse(run, System.Globalization.NumberStyles.AllowDecimalPoint,
                System.Globalization.CultureInfo.InvariantCulture, out value);
        }

        // 两万五 = 25,000 and 一百二 = 120: a trailing digit right after a unit counts one unit lower.
        var tail = number ?? 0;
        if (number is not null && !zeroSinceUnit && lastUnit >= 100 && number == decimal.Truncate(number.Value) && number < 10)
            tail = number.Value * lastUnit / 10;
        value = total + section + tail;
        return true;
    }
}
