namespace Bot.Conversations.Understanding;

/// <summary>
/// Holidays reps plan around (春节后再说, 国庆前签). Lunar ones go through <see cref="LunarCalendar"/>;
/// 清明 and the official make-up workdays need a published table and are not here.
/// </summary>
internal static class Holidays
{
    /// <summary>The holiday in the given year (lunar year for lunar holidays; both start in the same Gregorian year).</summary>
    public static DateOnly? InYear(string name, int year) => name switch
    {
        "元旦" => new DateOnly(year, 1, 1),
        "情人节" => new DateOnly(year, 2, 14),
        "劳动节" or "五一" => new DateOnly(year, 5, 1),
        "国庆" => new DateOnly(year, 10, 1),
        "圣诞" => new DateOnly(year, 12, 25),
        // 年后 in sales talk is "after Chinese New Year", and 过年 is the festival itself.
        "春节" or "过年" or "大年初一" or "年后" => LunarCalendar.ToGregorian(year, 1, 1),
        "元宵" => LunarCalendar.ToGregorian(year, 1, 15),
        "端午" => LunarCalendar.ToGregorian(year, 5, 5),
        "七夕" => LunarCalendar.ToGregorian(year, 7, 7),
        "中秋" => LunarCalendar.ToGregorian(year, 8, 15),
        "重阳" => LunarCalendar.ToGregorian(year, 9, 9),
        // 除夕 is the eve of 春节 (腊月三十 or 廿九 depending on the year), so count back from the new year.
        "除夕" or "大年三十" => LunarCalendar.ToGregorian(year, 1, 1)?.AddDays(-1),
        _ => null,
    };
}
