using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>
/// The days ahead a question asks about, [From, Until): what is left of this week or month from today, next week or
/// next month whole, today or tomorrow, or the next seven days when none is said.
/// </summary>
public sealed record UpcomingDays(DateOnly From, DateOnly Until, string Label)
{
    /// <summary>The days the message names, or null when it names none.</summary>
    public static UpcomingDays? Named(ParsedMessage parsed, DateOnly today)
    {
        PeriodRange Range(ReportPeriod period) => PeriodRange.For(period, today).Current;
        return parsed.Period switch
        {
            ReportPeriod.ThisWeek => new(today, Range(ReportPeriod.ThisWeek).End, "本周"),
            ReportPeriod.ThisMonth => new(today, Range(ReportPeriod.ThisMonth).End, "本月"),
            ReportPeriod.NextMonth => new(Range(ReportPeriod.NextMonth).Start, Range(ReportPeriod.NextMonth).End, "下月"),
            // 下周 has no period code: the week after this one.
            _ when parsed.Text.Contains("下周", StringComparison.Ordinal) => new(Range(ReportPeriod.ThisWeek).End, Range(ReportPeriod.ThisWeek).End.AddDays(7), "下周"),
            _ when parsed.Text.Contains("今天", StringComparison.Ordinal) => new(today, today.AddDays(1), "今天"),
            _ when parsed.Text.Contains("明天", StringComparison.Ordinal) => new(today.AddDays(1), today.AddDays(2), "明天"),
            _ => null,
        };
    }

    public static UpcomingDays For(ParsedMessage parsed, DateOnly today) => Named(parsed, today) ?? new(today, today.AddDays(7), "未来7天");
}
