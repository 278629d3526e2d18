using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Care;

/// <summary>
/// The days care messages go out: the six festivals (lunar ones through <see cref="Holidays"/>, which handles
/// leap months) and a contact's birthday, Gregorian or lunar.
/// </summary>
public static class FestivalCalendar
{
    private static readonly (CareOccasion Festival, string Holiday)[] HolidayNames =
    [
        (CareOccasion.SpringFestival, "春节"), (CareOccasion.LanternFestival, "元宵"), (CareOccasion.DragonBoat, "端午"),
        (CareOccasion.MidAutumn, "中秋"), (CareOccasion.NationalDay, "国庆"), (CareOccasion.NewYear, "元旦"),
    ];

    /// <summary>The festival's Gregorian date in <paramref name="year"/>; lunar festivals of lunar year N all fall in Gregorian year N.</summary>
    public static DateOnly DateOf(CareOccasion festival, int year) =>
        Holidays.InYear(HolidayNames.Single(h => h.Festival == festival).Holiday, year)
        ?? throw new ArgumentOutOfRangeException(nameof(year), year, "outside the lunar calendar's range");

    /// <summary>The festival as people say it: 春节, 中秋, 元旦.</summary>
    public static string NameOf(CareOccasion festival) => HolidayNames.Single(h => h.Festival == festival).Holiday;

    public static IReadOnlyList<CareOccasion> FestivalsOn(DateOnly date) =>
        [.. HolidayNames.Where(h => DateOf(h.Festival, date.Year) == date).Select(h => h.Festival).Order()];

    /// <summary>
    /// Whether the birthday falls on <paramref name="date"/>. 2月29日 is kept on 2月28日 in common years; a lunar 三十
    /// in a year whose month has 29 days is kept on 廿九. A 腊月 birthday of lunar year N falls in Gregorian N+1.
    /// </summary>
    public static bool IsBirthday(Birthday birthday, DateOnly date)
    {
        if (!birthday.Lunar)
        {
            var day = Math.Min(birthday.Day, DateTime.DaysInMonth(date.Year, birthday.Month));
            return date.Month == birthday.Month && date.Day == day;
        }
        return new[] { date.Year - 1, date.Year }.Any(year => LunarBirthday(birthday, year) == date);
    }

    private static DateOnly? LunarBirthday(Birthday birthday, int lunarYear) =>
        LunarCalendar.ToGregorian(lunarYear, birthday.Month, birthday.Day)
        ?? (birthday.Day == 30 ? LunarCalendar.ToGregorian(lunarYear, birthday.Month, 29) : null);
}
