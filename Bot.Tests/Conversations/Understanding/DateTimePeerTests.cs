using System.Globalization;
using Bot.Conversations.Understanding;
using Xunit.Abstractions;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>
/// The whole zh-datetime.json peer suite: each input is read against its reference time (Shanghai local) and
/// the first expression of the right shape is compared with the expected date, time or both.
/// </summary>
public sealed class DateTimePeerTests(ITestOutputHelper output)
{
    private const string Lunar = "we convert a lunar date to the Gregorian day the rep has to act on; the suite keeps lunar month/day";
    private const string DayFirst = "Chinese writes year-month-day; day-first or two-digit-year digit groups in a chat are ambiguous (codes, versions), so we do not guess";

    /// <summary>Inputs whose peer expectation a sales assistant should not follow, each with the reason.</summary>
    private static readonly Dictionary<string, string> Deviations = new()
    {
        ["农历2015年十月初一"] = Lunar,
        ["2015年十月初一早上九点二十"] = Lunar,
        ["农历2015年十月初一早上九点二十"] = Lunar,
        ["2015年农历正月初一"] = Lunar,
        ["三月初一"] = Lunar,
        ["大年初一"] = Lunar + " (春节)",
        ["大年三十"] = Lunar + " (除夕, which is 腊月廿九 in some years)",
        ["正月三十"] = "正月 has 29 days in the lunar years around 2017, so there is no such day to convert",
        ["神龙二年正月初一"] = "imperial era names are not read; the 正月初一 after them resolves to the next one",
        ["雍正四年大年三十"] = "imperial era names are not read; the 大年三十 after them resolves to the next 除夕",
        ["最近"] = "\"recently\" is vague, not a day to schedule",
        ["1987年1月11日八点"] = "八点 without a part of the day is 08:00 in office talk, not 20:00",
        ["大约十点"] = "十点 without a part of the day is 10:00 (the suite itself reads 大约十点以后 as 10:00)",
        ["2010 01 29五点"] = "1–6点 without a part of the day is afternoon: reps do not meet clients at 5 a.m.",
        ["1/2/2020"] = DayFirst,
        ["你12-11-10有时间吗"] = DayFirst,
        ["你13.5.2015有时间吗？"] = DayFirst,
        ["我会在 3-7-2017 回来"] = DayFirst,
        ["你3-7-07有时间吗"] = DayFirst,
        ["你3-7-27有时间吗"] = DayFirst,
        ["你05/05/89有时间吗"] = DayFirst,
        ["你05/05/71有时间吗"] = DayFirst,
        ["你27-7-3有时间吗"] = DayFirst,
    };

    [Fact]
    public void PeerSuite_EveryFailureIsADeliberateDeviation()
    {
        PeerSuiteReport.Check("zh-datetime", PeerCase.Load("zh-datetime.json"), c => Actual(c) == c.Expected, Actual, c => c.Input, Deviations, output);
    }

    private static string Actual(PeerCase c)
    {
        var reference = DateTime.Parse(c.Reference!, CultureInfo.InvariantCulture);
        var now = new DateTimeOffset(reference, TimeSpan.FromHours(8));
        var found = ChineseDateTime.FindAll(c.Input, now);
        var hit = c.Type == "date" ? (found.Count > 0 ? found[0] : null) : found.FirstOrDefault(e => e.Time is not null);
        if (hit is null)
            return "not resolved";
        return c.Type switch
        {
            "date" => hit.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => hit.Time!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            _ => $"{hit.Date:yyyy-MM-dd} {hit.Time:HH:mm:ss}",
        };
    }
}
