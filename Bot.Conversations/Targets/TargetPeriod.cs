namespace Bot.Conversations.Targets;

public enum TargetPeriodKind
{
    Month,
    Quarter,
}

/// <summary>A calendar month or quarter a target is set for, in Beijing dates: [Start, End).</summary>
public sealed record TargetPeriod(TargetPeriodKind Kind, DateOnly Start)
{
    public DateOnly End => Kind == TargetPeriodKind.Month ? Start.AddMonths(1) : Start.AddMonths(3);

    public string Code => Kind == TargetPeriodKind.Month ? "month" : "quarter";

    /// <summary>"12月" within <paramref name="today"/>'s year, "2027年1月" or "2027年一季度" otherwise.</summary>
    public string Label(DateOnly today)
    {
        var year = Start.Year == today.Year ? "" : $"{Start.Year}年";
        return Kind == TargetPeriodKind.Month ? $"{year}{Start.Month}月" : $"{year}{"一二三四"[(Start.Month - 1) / 3]}季度";
    }

    public static TargetPeriod MonthOf(DateOnly day) => new(TargetPeriodKind.Month, new DateOnly(day.Year, day.Month, 1));

    public static TargetPeriod QuarterOf(DateOnly day) => new(TargetPeriodKind.Quarter, new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1));

    public static TargetPeriod FromCode(string kind, DateOnly start) =>
        new(kind == "quarter" ? TargetPeriodKind.Quarter : TargetPeriodKind.Month, start);
}
