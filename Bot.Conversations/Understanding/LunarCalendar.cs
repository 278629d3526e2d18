using System.Globalization;

namespace Bot.Conversations.Understanding;

/// <summary>Lunar dates (农历八月十五, 正月初六) and the holidays that follow them, as Gregorian days.</summary>
internal static class LunarCalendar
{
    private static readonly ChineseLunisolarCalendar Calendar = new();

    /// <summary>
    /// Lunar month <paramref name="month"/> (1–12, never a leap month) of lunar year <paramref name="year"/>.
    /// The calendar numbers months including the leap one: in a year with 闰六月 GetLeapMonth is 7, and lunar
    /// month 8 is index 9. Null for a day the month does not have (三十 of a short month) or outside 1901–2100.
    /// </summary>
    public static DateOnly? ToGregorian(int year, int month, int day)
    {
        if (year is < 1901 or > 2100 || month is < 1 or > 12 || day < 1)
            return null;
        var leap = Calendar.GetLeapMonth(year);
        var index = leap != 0 && month >= leap ? month + 1 : month;
        if (day > Calendar.GetDaysInMonth(year, index))
            return null;
        return DateOnly.FromDateTime(Calendar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    /// <summary>The lunar date nearest to today on the side the bias points to (this year's, next year's or last year's).</summary>
    public static DateOnly? Nearest(int month, int day, Anchor anchor) =>
        Nearest(year => ToGregorian(year, month, day), anchor);

    /// <summary>The occurrence of a yearly date nearest to today on the biased side; today itself counts.</summary>
    public static DateOnly? Nearest(Func<int, DateOnly?> inYear, Anchor anchor)
    {
        var lunarYear = Calendar.GetYear(anchor.Now);
        var candidates = Enumerable.Range(lunarYear - 1, 3).Select(inYear).OfType<DateOnly>();
        return anchor.Future
            ? candidates.Where(d => d >= anchor.Today).Order().Cast<DateOnly?>().FirstOrDefault()
            : candidates.Where(d => d <= anchor.Today).OrderDescending().Cast<DateOnly?>().FirstOrDefault();
    }
}
