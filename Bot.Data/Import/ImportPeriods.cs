using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Conversations.Targets;

namespace Bot.Data.Import;

/// <summary>
/// The month or quarter a target row is for: 2026-12, 2026年12月, 2027Q1, 2027年一季度, or without a year 12月 and
/// 一季度, which mean the current one or the next to come (12月 in a December file is this December, 3月 is next March).
/// </summary>
public static partial class ImportPeriods
{
    [GeneratedRegex(@"^(?:(?<y>\d{4})\s*[-/.年]\s*)?(?<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*(?<unit>月份?)?$")]
    private static partial Regex Month();

    [GeneratedRegex(@"^(?:(?<y>\d{4})\s*[-/年]?\s*)?(?:第?(?<q>[一二三四1-4])\s*季度|[Qq](?<q>[1-4]))$")]
    private static partial Regex Quarter();

    public static bool TryParse(string text, DateOnly today, out TargetPeriod period, out string reason)
    {
        period = null!;
        reason = $"期间「{text}」看不懂，可写 2026-12、2026年12月、12月、2027Q1、2027年一季度 或 一季度";
        var s = text.Trim();
        if (Quarter().Match(s) is { Success: true } q)
        {
            var n = "一二三四".IndexOf(q.Groups["q"].Value[0], StringComparison.Ordinal) is var i and >= 0 ? i + 1 : q.Groups["q"].Value[0] - '0';
            return TryPeriod(q.Groups["y"], (n - 1) * 3 + 1, TargetPeriodKind.Quarter, today, out period);
        }
        // A bare number is no month: 月 or a year before it says the cell means one.
        if (Month().Match(s) is { Success: true } m && (m.Groups["y"].Success || m.Groups["unit"].Success))
            return TryPeriod(m.Groups["y"], MonthNumber(m.Groups["m"].Value), TargetPeriodKind.Month, today, out period);
        // Excel turns 2026-12 typed into a cell into the date 2026/12/1.
        if (ImportValues.TryDate(s, out var date, out _) && date.Day == 1)
            return TryInYear(date.Year, date.Month, TargetPeriodKind.Month, out period);
        return false;
    }

    /// <summary>In the year given, or without one the current or next period with that start month.</summary>
    private static bool TryPeriod(Group year, int month, TargetPeriodKind kind, DateOnly today, out TargetPeriod period)
    {
        if (year.Success)
            return TryInYear(int.Parse(year.Value, CultureInfo.InvariantCulture), month, kind, out period);
        if (month is < 1 or > 12)
        {
            period = null!;
            return false;
        }
        var start = new DateOnly(today.Year, month, 1);
        period = new TargetPeriod(kind, start);
        if (period.End <= today)
            period = new TargetPeriod(kind, start.AddYears(1));
        return true;
    }

    private static bool TryInYear(int year, int month, TargetPeriodKind kind, out TargetPeriod period)
    {
        period = null!;
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
            return false;
        period = new TargetPeriod(kind, new DateOnly(year, month, 1));
        return true;
    }

    private static int MonthNumber(string text) => text switch
    {
        "十" => 10,
        "十一" => 11,
        "十二" => 12,
        _ when char.IsAsciiDigit(text[0]) => int.Parse(text, CultureInfo.InvariantCulture),
        _ => "一二三四五六七八九".IndexOf(text[0], StringComparison.Ordinal) + 1,
    };
}
