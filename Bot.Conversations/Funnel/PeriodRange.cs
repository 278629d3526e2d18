using Bot.Conversations.Common;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Funnel;

/// <summary>A report period in Shanghai time: [Start, End), with the period before it for comparison.</summary>
public sealed record PeriodRange(DateOnly Start, DateOnly End, string Label, string PreviousLabel)
{
    public DateTimeOffset StartAt => ChinaTime.At(Start, TimeOnly.MinValue);

    public DateTimeOffset EndAt => ChinaTime.At(End, TimeOnly.MinValue);

    /// <summary>Weeks start on Monday; "this" periods run to their natural end, so the figures so far are shown.</summary>
    public static (PeriodRange Current, PeriodRange Previous) For(ReportPeriod period, DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (today.Month - 1) / 3 * 3 + 1, 1);
        return period switch
        {
            ReportPeriod.LastWeek => (Week(monday.AddDays(-7), "上周"), Week(monday.AddDays(-14), "上上周")),
            ReportPeriod.ThisMonth => (Month(month, "本月", "上月"), Month(month.AddMonths(-1), "上月", "上上月")),
            ReportPeriod.LastMonth => (Month(month.AddMonths(-1), "上月", "上上月"), Month(month.AddMonths(-2), "上上月", "")),
            ReportPeriod.NextMonth => (Month(month.AddMonths(1), "下月", "本月"), Month(month, "本月", "上月")),
            ReportPeriod.ThisQuarter => (new PeriodRange(quarter, quarter.AddMonths(3), "本季度", "上季度"),
                new PeriodRange(quarter.AddMonths(-3), quarter, "上季度", "")),
            ReportPeriod.NextQuarter => (new PeriodRange(quarter.AddMonths(3), quarter.AddMonths(6), "下季度", "本季度"),
                new PeriodRange(quarter, quarter.AddMonths(3), "本季度", "上季度")),
            ReportPeriod.LastQuarter => (new PeriodRange(quarter.AddMonths(-3), quarter, "上季度", "上上季度"),
                new PeriodRange(quarter.AddMonths(-6), quarter.AddMonths(-3), "上上季度", "")),
            ReportPeriod.ThisYear => (new PeriodRange(new DateOnly(today.Year, 1, 1), new DateOnly(today.Year + 1, 1, 1), "今年", "去年"),
                new PeriodRange(new DateOnly(today.Year - 1, 1, 1), new DateOnly(today.Year, 1, 1), "去年", "")),
            _ => (Week(monday, "本周"), Week(monday.AddDays(-7), "上周")),
        };
    }

    private static PeriodRange Week(DateOnly monday, string label) => new(monday, monday.AddDays(7), label, label == "本周" ? "上周" : "上上周");

    private static PeriodRange Month(DateOnly first, string label, string previousLabel) => new(first, first.AddMonths(1), label, previousLabel);
}
