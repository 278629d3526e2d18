using Bot.Conversations.Care;
using Bot.Conversations.Customers;

namespace Bot.Tests.Conversations.Care;

public sealed class FestivalCalendarTests
{
    // Published dates (Hong Kong Observatory / 中国天文年历); 2028 has 闰五月, which shifts every festival after it.
    [Theory]
    [InlineData(2026, "2026-02-17", "2026-03-03", "2026-06-19", "2026-09-25")]
    [InlineData(2027, "2027-02-06", "2027-02-20", "2027-06-09", "2027-09-15")]
    [InlineData(2028, "2028-01-26", "2028-02-09", "2028-05-28", "2028-10-03")]
    [InlineData(2029, "2029-02-13", "2029-02-27", "2029-06-16", "2029-09-22")]
    [InlineData(2030, "2030-02-03", "2030-02-17", "2030-06-05", "2030-09-12")]
    public void DateOf_LunarFestivals2026To2030_MatchThePublishedDates(int year, string spring, string lantern, string dragonBoat, string midAutumn)
    {
        Assert.Equal(DateOnly.Parse(spring), FestivalCalendar.DateOf(CareOccasion.SpringFestival, year));
        Assert.Equal(DateOnly.Parse(lantern), FestivalCalendar.DateOf(CareOccasion.LanternFestival, year));
        Assert.Equal(DateOnly.Parse(dragonBoat), FestivalCalendar.DateOf(CareOccasion.DragonBoat, year));
        Assert.Equal(DateOnly.Parse(midAutumn), FestivalCalendar.DateOf(CareOccasion.MidAutumn, year));
        Assert.Equal(new DateOnly(year, 1, 1), FestivalCalendar.DateOf(CareOccasion.NewYear, year));
        Assert.Equal(new DateOnly(year, 10, 1), FestivalCalendar.DateOf(CareOccasion.NationalDay, year));
    }

    [Fact]
    public void FestivalsOn_EveryDayOf2026To2030_FindsEachFestivalOnceAYearAndNothingElse()
    {
        for (var year = 2026; year <= 2030; year++)
        {
            var found = new List<(DateOnly, CareOccasion)>();
            for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
                found.AddRange(FestivalCalendar.FestivalsOn(day).Select(f => (day, f)));
            Assert.Equal(CareOccasions.Festivals.Order(), found.Select(f => f.Item2).Order());
        }
    }

    [Fact]
    public void IsBirthday_LunarMidAutumnBirthdayInLeapYear2028_FallsOnOctoberThird()
    {
        var birthday = new Birthday(8, 15, null, Lunar: true);

        Assert.True(FestivalCalendar.IsBirthday(birthday, new DateOnly(2028, 10, 3)));
        Assert.False(FestivalCalendar.IsBirthday(birthday, new DateOnly(2028, 9, 3)));
    }

    [Fact]
    public void IsBirthday_LunarLastDayOfTwelfthMonth_IsSpringFestivalEveOfTheNextGregorianYear()
    {
        // 腊月三十 of lunar 2026 does not exist in every year; the birthday is then kept on 廿九, the eve of 2027-02-06.
        var birthday = new Birthday(12, 30, 1980, Lunar: true);

        Assert.True(FestivalCalendar.IsBirthday(birthday, new DateOnly(2027, 2, 5)));
        Assert.False(FestivalCalendar.IsBirthday(birthday, new DateOnly(2027, 2, 6)));
    }

    [Theory]
    [InlineData("2028-02-29", true)]
    [InlineData("2027-02-28", true)]
    [InlineData("2028-02-28", false)]
    public void IsBirthday_February29_IsKeptOnThe28thInCommonYears(string day, bool expected) =>
        Assert.Equal(expected, FestivalCalendar.IsBirthday(new Birthday(2, 29, null, false), DateOnly.Parse(day)));
}
