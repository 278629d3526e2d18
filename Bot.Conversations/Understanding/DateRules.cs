using System.Text.RegularExpressions;

namespace Bot.Conversations.Understanding;

/// <summary>
/// The day part of an expression: each rule is a pattern anchored at the scan position and a resolver.
/// The longest match wins, so 下下周一 beats 周一 and 两周后 beats 周. A resolver returns null for a day
/// that does not exist (2月30日); the scanner then swallows the span instead of reading 30日 out of it.
/// </summary>
internal static partial class DateRules
{
    private const string Num = "(?:[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})";
    private const string Day = "(?<d>初[一二三四五六七八九十]|廿[一二三四五六七八九]?|[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3})";
    private const string NoNumberBefore = "(?<![0-9零〇一二两三四五六七八九十百千个第./-])";

    private sealed record Rule(Regex Pattern, Func<Match, Anchor, Moment?> Resolve);

    private static readonly Rule[] Rules =
    [
        new(NumericYmd(), (m, _) => Exact(Int(m, "y"), Int(m, "m"), Int(m, "d"))),
        new(MonthDay(), ResolveMonthDay),
        new(RelativeMonth(), ResolveRelativeMonth),
        new(YearEdge(), ResolveYearEdge),
        new(RelativeDay(), (m, a) => RelativeDays.Resolve(m.Groups["w"].Value, a)),
        new(Weekday(), ResolveWeekday),
        new(Duration(), ResolveDuration),
        new(After(), ResolveDuration),
        new(Holiday(), ResolveHoliday),
        new(BareDay(), (m, a) => BareDayOfMonth(DayNumber(m.Groups["d"].Value), a)),
        new(MonthDotDay(), (m, a) => Yearless(Int(m, "m"), Int(m, "d"), a)),
    ];

    /// <summary>The longest date at <paramref name="at"/>: its end, and its value (null for an impossible date).</summary>
    public static (int End, Moment? Value)? Match(string folded, int at, Anchor anchor)
    {
        Match? best = null;
        Rule? bestRule = null;
        foreach (var rule in Rules)
        {
            var m = rule.Pattern.Match(folded, at);
            if (m.Success && m.Length > (best?.Length ?? 0))
                (best, bestRule) = (m, rule);
        }
        if (best is null || bestRule is null)
            return null;
        // 12.3 after 报价 is a price, not a date: the money reader gets it (MonthDotDay is the last rule).
        if (bestRule == Rules[^1] && MoneyCues.Precede(folded, at))
            return null;
        return (at + best.Length, bestRule.Resolve(best, anchor));
    }

    [GeneratedRegex(@"\G(?<![0-9])(?:(?<y>[0-9]{4})(?<s>[-/.])(?<m>[0-9]{1,2})\k<s>(?<d>[0-9]{1,2})|(?<y>(?:19|20)[0-9]{2}) (?<m>[0-9]{2}) (?<d>[0-9]{2}))(?![0-9])")]
    private static partial Regex NumericYmd();

    [GeneratedRegex(@"\G" + NoNumberBefore + @"(?:(?<lunar>农历|阴历)?(?:(?<yrel>今年|明年|后年|去年|前年)|(?<y>[0-9]{2,4}|[零〇一二两三四五六七八九十千]{2,5})年))?(?<lunar>农历|阴历)?(?<m>[0-9]{1,2}|十[一二]?|[一二三四五六七八九]|正|腊|冬)月(?:" + Day + "[日号]?|(?<edge>初|中|底|末))?")]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\G(?:(?<yrel>今年|明年|后年|去年|前年))?(?:(?<rel>本|这个|这|当|下下个|下下|下个|下|上上个|上上|上个|上)月|" + NoNumberBefore + @"月(?=[初中底末]))(?:" + Day + "[日号]?|(?<edge>初|中|底|末))?")]
    private static partial Regex RelativeMonth();

    [GeneratedRegex(@"\G(?:(?<yrel>今|明|去)|(?<y>[0-9]{4})|" + NoNumberBefore + @")年(?<edge>初|中|底|末)")]
    private static partial Regex YearEdge();

    [GeneratedRegex(@"\G(?<w>大后天|大前天|今天|今日|今儿|明天|明日|明儿|后天|昨天|昨日|昨儿|前天|今晚|今早|今晨|今夜|明早|明晚|明晨|昨晚|当天)")]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"\G" + NoNumberBefore + @"(?:(?<rel>这个|这|本|下下个|下下|下个|下|上上个|上上|上个|上)?(?:周|星期|礼拜)(?<wd>[一二三四五六日天1-7]|末)|(?<rel>这个|这|本|下下个|下下|下个|下|上上个|上上|上个|上)(?:周|星期|礼拜))")]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\G" + NoNumberBefore + @"(?<n>[0-9]+|[零一二两三四五六七八九十百]+|半)(?<ge>个)?(?<half>半)?(?<u>小时|钟头|分钟|天|日|周|星期|礼拜|月|年)(?<half>半)?(?<dir>之后|以后|过后|后|之前|以前|前)")]
    private static partial Regex Duration();

    // 过3分钟 / 再过两天: forward from now, with or without 后.
    [GeneratedRegex(@"\G(?:再)?过(?<n>[0-9]+|[零一二两三四五六七八九十百]+|半)(?<ge>个)?(?<half>半)?(?<u>小时|钟头|分钟|天|周|星期|礼拜|月)(?<half>半)?(?:之后|以后|过后|后)?")]
    private static partial Regex After();

    [GeneratedRegex(@"\G(?:(?<yrel>今年|明年|去年))?(?<h>春节|过年|大年初一|大年三十|除夕|元旦|国庆|劳动节|五一(?=[节假后前之以])|中秋|端午|元宵|七夕|重阳|圣诞|情人节|(?<![0-9零一二两三四五六七八九十个今明去后前])年后)节?(?:之后|以后|过后|后|之前|以前|前)?")]
    private static partial Regex Holiday();

    [GeneratedRegex(@"\G(?<![0-9零〇一二两三四五六七八九十月第])(?<d>[0-9]{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号](?![楼线院床房位门栋层室口])")]
    private static partial Regex BareDay();

    // Dots only with a two-digit side (12.3, 3.15): "3.5" in chat is a decimal far more often than 3月5日.
    [GeneratedRegex(@"\G(?<![0-9.\-/¥￥$a-zA-Z])(?:(?<m>1[0-2]|0?[1-9])[/-](?<d>3[01]|[12][0-9]|0?[1-9])|(?<m>1[0-2])\.(?<d>3[01]|[12][0-9]|0?[1-9])|(?<m>0?[1-9])\.(?<d>3[01]|[12][0-9]))(?![0-9.\-/%万亿千百wWkK元块倍折成个小天年月日号时分秒次人米斤吨升a-zA-Z])")]
    private static partial Regex MonthDotDay();

    /// <summary>
    /// A month and day that are the whole text (八月十五, 农历正月初八, 腊月廿三), read but not resolved: a birthday
    /// recurs every year, so there is no date to find. Null for anything else, a year or 月底 included.
    /// </summary>
    public static (int Month, int Day, bool Lunar)? ReadMonthDay(string folded)
    {
        var m = MonthDay().Match(folded);
        if (!m.Success || m.Length != folded.Length || m.Groups["y"].Success || m.Groups["yrel"].Success || !m.Groups["d"].Success)
            return null;
        var month = MonthNumber(m.Groups["m"].Value);
        var day = DayNumber(m.Groups["d"].Value);
        return month is >= 1 and <= 12 && day >= 1 ? (month, day, IsLunar(m)) : null;
    }

    // 正月, 腊月, 初八 and 廿三 are only ever said of the lunar calendar, with or without 农历.
    private static bool IsLunar(Match m) =>
        m.Groups["lunar"].Success || m.Groups["m"].Value is "正" or "腊" or "冬" || m.Groups["d"].Value.StartsWith('初') || m.Groups["d"].Value.StartsWith('廿');

    private static int MonthNumber(string text) => text switch { "正" => 1, "冬" => 11, "腊" => 12, _ => Number(text) };

    private static Moment? ResolveMonthDay(Match m, Anchor a)
    {
        var dayText = m.Groups["d"].Value;
        var lunar = IsLunar(m);
        var month = MonthNumber(m.Groups["m"].Value);
        int? year = m.Groups["y"].Success ? Year(m.Groups["y"].Value)
            : m.Groups["yrel"].Success ? a.Today.Year + YearOffset(m.Groups["yrel"].Value) : null;
        if (month is < 1 or > 12)
            return null;
        var day = dayText.Length > 0 ? DayNumber(dayText) : EdgeDay(m.Groups["edge"].Value, year ?? a.Today.Year, month);
        if (lunar)
        {
            var date = year is { } y ? LunarCalendar.ToGregorian(y, month, day) : LunarCalendar.Nearest(month, day, a);
            return date is { } d ? new Moment(d) : null;
        }
        return year is { } exactYear ? Exact(exactYear, month, day) : Yearless(month, day, a);
    }

    private static Moment? ResolveRelativeMonth(Match m, Anchor a)
    {
        var first = new DateOnly(a.Today.Year, a.Today.Month, 1).AddYears(YearOffset(m.Groups["yrel"].Value))
            .AddMonths(Offset(m.Groups["rel"].Value));
        var dayText = m.Groups["d"].Value;
        var day = dayText.Length > 0 ? DayNumber(dayText) : EdgeDay(m.Groups["edge"].Value, first.Year, first.Month);
        if (day > DateTime.DaysInMonth(first.Year, first.Month))
            return null;
        var date = first.AddDays(day - 1);
        // A bare 月初 said on the 20th is the start of next month; 本月初 / 上月初 mean what they say.
        if (!m.Groups["rel"].Success && !m.Groups["yrel"].Success)
        {
            if (a.Future && date < a.Today)
                date = date.AddMonths(1);
            else if (!a.Future && date > a.Today)
                date = date.AddMonths(-1);
        }
        return new Moment(date);
    }

    private static Moment? ResolveYearEdge(Match m, Anchor a)
    {
        var explicitYear = m.Groups["y"].Success || m.Groups["yrel"].Success;
        var year = m.Groups["y"].Success ? Year(m.Groups["y"].Value) : a.Today.Year + YearOffset(m.Groups["yrel"].Value + "年");
        DateOnly At(int y) => m.Groups["edge"].Value switch { "初" => new(y, 1, 1), "中" => new(y, 7, 1), _ => new(y, 12, 31) };
        var date = At(year);
        if (!explicitYear && a.Future && date < a.Today)
            date = At(year + 1);
        return new Moment(date);
    }

    private static Moment? ResolveWeekday(Match m, Anchor a)
    {
        var today = a.Today;
        var todayNumber = ((int)today.DayOfWeek + 6) % 7 + 1;
        var monday = today.AddDays(1 - todayNumber);
        var rel = m.Groups["rel"].Value;
        if (!m.Groups["wd"].Success)
        {
            var weekStart = monday.AddDays(7 * Offset(rel));
            // 这周跟进 said on a Thursday means from now on, not last Monday.
            return new Moment(Offset(rel) == 0 && a.Future ? today : weekStart);
        }
        var weekday = m.Groups["wd"].Value switch
        {
            "日" or "天" or "7" => 7,
            "末" => 6,
            var w => Number(w),
        };
        if (rel.Length > 0)
            return new Moment(monday.AddDays(7 * Offset(rel) + weekday - 1));
        // A bare 周五 never means today: reps say 今天 for that.
        var ahead = (weekday - todayNumber + 7) % 7;
        var back = (todayNumber - weekday + 7) % 7;
        return new Moment(a.Future ? today.AddDays(ahead == 0 ? 7 : ahead) : today.AddDays(-(back == 0 ? 7 : back)));
    }

    private static Moment? ResolveDuration(Match m, Anchor a)
    {
        var n = m.Groups["n"].Value == "半" ? 0.5 : Number(m.Groups["n"].Value);
        if (m.Groups["half"].Success)
            n += 0.5;
        if (m.Groups["dir"].Value.Contains('前', StringComparison.Ordinal))
            n = -n;
        var now = a.Now;
        var at = m.Groups["u"].Value switch
        {
            "小时" or "钟头" => now.AddMinutes(Math.Round(n * 60)),
            "分钟" => now.AddMinutes(n),
            "天" or "日" => now.AddDays(n),
            "周" or "星期" or "礼拜" => now.AddDays(7 * n),
            "月" => now.AddMonths((int)n).AddDays(15 * (n % 1 == 0 ? 0 : Math.Sign(n))),
            _ => now.AddYears((int)n).AddMonths(6 * (n % 1 == 0 ? 0 : Math.Sign(n))),
        };
        var withTime = m.Groups["u"].Value is "小时" or "钟头" or "分钟";
        var time = TimeOnly.FromDateTime(at);
        return new Moment(DateOnly.FromDateTime(at), withTime ? new TimeOnly(time.Hour, time.Minute) : null);
    }

    private static Moment? ResolveHoliday(Match m, Anchor a)
    {
        var name = m.Groups["h"].Value;
        if (m.Groups["yrel"].Success)
            return Holidays.InYear(name, a.Today.Year + YearOffset(m.Groups["yrel"].Value)) is { } d ? new Moment(d) : null;
        return LunarCalendar.Nearest(year => Holidays.InYear(name, year), a) is { } date ? new Moment(date) : null;
    }

    /// <summary>29号: this month's if still ahead (or behind, for Past), else the nearest month that has that day.</summary>
    private static Moment? BareDayOfMonth(int day, Anchor a)
    {
        var first = new DateOnly(a.Today.Year, a.Today.Month, 1);
        for (var i = 0; i < 12 && day is >= 1 and <= 31; i++)
        {
            var month = first.AddMonths(a.Future ? i : -i);
            if (day > DateTime.DaysInMonth(month.Year, month.Month))
                continue;
            var date = month.AddDays(day - 1);
            if (a.Future ? date >= a.Today : date <= a.Today)
                return new Moment(date);
        }
        return null;
    }

    /// <summary>12月3号 without a year: this year's if not yet passed (Future), else next year's; 2月29日 waits for a leap year.</summary>
    private static Moment? Yearless(int month, int day, Anchor a)
    {
        if (month is < 1 or > 12 || day is < 1 or > 31)
            return null;
        for (var i = 0; i <= 8; i++)
        {
            var year = a.Today.Year + (a.Future ? i : -i);
            if (day > DateTime.DaysInMonth(year, month))
                continue;
            var date = new DateOnly(year, month, day);
            if (a.Future ? date >= a.Today : date <= a.Today)
                return new Moment(date);
        }
        return null;
    }

    private static Moment? Exact(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new Moment(new DateOnly(year, month, day))
            : null;

    private static int EdgeDay(string edge, int year, int month) => edge switch
    {
        "中" => 15,
        "底" or "末" => DateTime.DaysInMonth(year, month),
        _ => 1,
    };

    private static int Year(string text)
    {
        var year = Number(text);
        // 26年 / 二六年 are this century; nobody books a meeting for 1926.
        return year is >= 0 and < 100 && text.Length == 2 ? 2000 + year : year;
    }

    private static int YearOffset(string rel) => rel switch
    {
        "明年" => 1,
        "后年" => 2,
        "去年" => -1,
        "前年" => -2,
        _ => 0,
    };

    private static int Offset(string rel) => rel switch
    {
        "下" or "下个" => 1,
        "下下" or "下下个" => 2,
        "上" or "上个" => -1,
        "上上" or "上上个" => -2,
        _ => 0,
    };

    private static int DayNumber(string text) => text switch
    {
        ['初', var d] => Number(d.ToString()),
        ['廿'] => 20,
        ['廿', var d] => 20 + Number(d.ToString()),
        _ => Number(text),
    };

    private static int Int(Match m, string group) => Number(m.Groups[group].Value);

    internal static int Number(string text) =>
        ChineseNumber.TryParse(text, out var value) && value == decimal.Truncate(value) && value is >= 0 and < 100_000 ? (int)value : -1;
}
