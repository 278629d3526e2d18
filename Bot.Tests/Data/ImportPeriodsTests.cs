using Bot.Conversations.Targets;
using Bot.Data.Import;

namespace Bot.Tests.Data;

public sealed class ImportPeriodsTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Theory]
    [InlineData("2026-12", "month", "2026-12-01")]
    [InlineData("2026/12", "month", "2026-12-01")]
    [InlineData("2026年12月", "month", "2026-12-01")]
    [InlineData("2027年二月", "month", "2027-02-01")]
    [InlineData("2026/12/1", "month", "2026-12-01")]
    [InlineData("12月", "month", "2026-12-01")]
    [InlineData("十二月", "month", "2026-12-01")]
    [InlineData("11月份", "month", "2026-11-01")]
    [InlineData("3月", "month", "2027-03-01")]
    [InlineData("2027Q1", "quarter", "2027-01-01")]
    [InlineData("2027-Q2", "quarter", "2027-04-01")]
    [InlineData("2027 q3", "quarter", "2027-07-01")]
    [InlineData("2027年一季度", "quarter", "2027-01-01")]
    [InlineData("2027年第二季度", "quarter", "2027-04-01")]
    [InlineData("2027年3季度", "quarter", "2027-07-01")]
    [InlineData("一季度", "quarter", "2027-01-01")]
    [InlineData("第四季度", "quarter", "2026-10-01")]
    [InlineData("Q4", "quarter", "2026-10-01")]
    public void TryParse_MonthOrQuarterSpelling_ThatPeriod(string text, string kind, string start)
    {
        Assert.True(ImportPeriods.TryParse(text, Today, out var period, out _));
        Assert.Equal(TargetPeriod.FromCode(kind, DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture)), period);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("12")]
    [InlineData("2026-12-15")]
    [InlineData("Q5")]
    [InlineData("五季度")]
    [InlineData("下个月")]
    public void TryParse_NotAMonthOrQuarter_Refused(string text)
    {
        Assert.False(ImportPeriods.TryParse(text, Today, out _, out var reason));
        Assert.StartsWith($"期间「{text}」看不懂", reason);
    }
}
