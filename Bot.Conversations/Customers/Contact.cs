namespace Bot.Conversations.Customers;

/// <summary>
/// A birthday as people give it: often without the year, sometimes by the lunar calendar (农历),
/// which moves against the Gregorian one every year.
/// </summary>
public sealed record Birthday(int Month, int Day, int? Year, bool Lunar)
{
    public override string ToString() =>
        (Lunar ? "农历" : "") + (Year is { } y ? $"{y}年" : "") + $"{Month}月{Day}日";

    /// <summary>
    /// The first Gregorian day on or after <paramref name="from"/> when this birthday is celebrated. A 2月29日
    /// birthday falls on 2月28日 in common years, and a lunar 三十 on the 廿九 of a short month.
    /// </summary>
    public DateOnly? NextOn(DateOnly from)
    {
        // From the year before: a lunar 腊月 birthday of last lunar year may still lie ahead in January.
        for (var year = from.Year - 1; year <= from.Year + 1; year++)
        {
            var day = Lunar
                ? Understanding.LunarCalendar.ToGregorian(year, Month, Day) ?? Understanding.LunarCalendar.ToGregorian(year, Month, Day - 1)
                : new DateOnly(year, Month, Math.Min(Day, DateTime.DaysInMonth(year, Month)));
            if (day is { } d && d >= from)
                return d;
        }
        return null;
    }
}

public sealed record Contact(
    long Id,
    long CustomerId,
    string Name,
    string? Title,
    string? Phone,
    string? WeComExternalUserId,
    Birthday? Birthday,
    string? DecisionRole);

public sealed record NewContact(
    long CustomerId,
    string Name,
    string? Title,
    string? Phone,
    string? WeComExternalUserId,
    Birthday? Birthday,
    string? DecisionRole);
