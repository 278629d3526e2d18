using System.Text.RegularExpressions;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Targets;

/// <summary>The month or quarter a target message means: the period read (本月, 下季度…), or a month or quarter named by number.</summary>
public static partial class TargetPeriods
{
    [GeneratedRegex("(?<![0-9])(?<n>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月")]
    private static partial Regex NamedMonth();

    [GeneratedRegex("(?:[qQ](?<n>[1-4])|(?<n>[一二三四1-4])季度)")]
    private static partial Regex NamedQuarter();

    public static TargetPeriod? Of(ReportPeriod? period, string text, DateOnly today) => period switch
    {
        ReportPeriod.ThisMonth => TargetPeriod.MonthOf(today),
        ReportPeriod.NextMonth => TargetPeriod.MonthOf(today.AddMonths(1)),
        ReportPeriod.LastMonth => TargetPeriod.MonthOf(today.AddMonths(-1)),
        ReportPeriod.ThisQuarter => TargetPeriod.QuarterOf(today),
        ReportPeriod.NextQuarter => TargetPeriod.QuarterOf(today.AddMonths(3)),
        ReportPeriod.LastQuarter => TargetPeriod.QuarterOf(today.AddMonths(-3)),
        _ => Named(text, today),
    };

    /// <summary>A month or quarter by number, the next one to come (or the current one): 3月 said in November is next March.</summary>
    private static TargetPeriod? Named(string text, DateOnly today)
    {
        if (NamedQuarter().Match(text) is { Success: true } q)
        {
            var start = new DateOnly(today.Year, (SalesVocabulary.QuarterNumber(q.Groups["n"].Value) - 1) * 3 + 1, 1);
            return new TargetPeriod(TargetPeriodKind.Quarter, start.AddMonths(3) <= today ? start.AddYears(1) : start);
        }
        if (NamedMonth().Match(text) is { Success: true } m)
        {
            var start = new DateOnly(today.Year, SalesVocabulary.MonthNumber(m.Groups["n"].Value), 1);
            return TargetPeriod.MonthOf(start.AddMonths(1) <= today ? start.AddYears(1) : start);
        }
        return null;
    }
}
