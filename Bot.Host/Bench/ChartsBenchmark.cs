using System.Diagnostics;
using System.Globalization;
using Bot.Conversations.Reports;
using Bot.Host.Cli;
using Bot.Host.Reports;
using Microsoft.Extensions.Options;

namespace Bot.Bench;

/// <summary>
/// Times each report chart drawn one after another, as the host draws them, on a realistic month (four stages,
/// twelve reps, thirty days), and writes the same pictures to docs/ for the README.
/// </summary>
public sealed class ChartsBenchmark(IReportCharts charts, IOptions<ChartFontOptions> font)
{
    private static readonly DateOnly LastDay = new(2026, 11, 30);

    private static readonly StageBar[] Stages = [new("潜在", 186), new("意向", 97), new("洽谈", 41), new("成交", 17)];

    // Twelve reps with their monthly targets and what they signed: one far over, one on target, one new without a target.
    private static readonly TargetBar[] People =
    [
        new("李娜", 300_000, 412_000), new("张伟", 250_000, 251_500), new("陈静", 300_000, 276_000), new("刘洋", 200_000, 163_000),
        new("王芳", 200_000, 148_000), new("赵磊", 250_000, 171_000), new("孙丽", 150_000, 96_000), new("周杰", 200_000, 104_000),
        new("吴敏", 150_000, 61_000), new("郑浩", 200_000, 58_000), new("冯雪", 150_000, 21_000), new("欧阳明", 0, 36_000),
    ];

    public int Run(int runs, DirectoryInfo? docs)
    {
        var days = Month();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores; font: {font.Value.Family}; 800×500 PNG, one at a time"));
        Console.WriteLine(Line("funnel (4 stages)", Time(runs, () => charts.Funnel("本月团队漏斗", Stages))));
        Console.WriteLine(Line("target achievement (12 reps)", Time(runs, () => charts.TargetAchievement("11月目标完成情况", People))));
        Console.WriteLine(Line("activity trend (30 days)", Time(runs, () => charts.ActivityTrend("近30天跟进与签单", days))));
        if (docs is not null)
        {
            docs.Create();
            File.WriteAllBytes(Path.Combine(docs.FullName, "chart-funnel.png"), charts.Funnel("本月团队漏斗", Stages));
            File.WriteAllBytes(Path.Combine(docs.FullName, "chart-targets.png"), charts.TargetAchievement("11月目标完成情况", People));
            File.WriteAllBytes(Path.Combine(docs.FullName, "chart-activity.png"), charts.ActivityTrend("近30天跟进与签单", days));
            Console.WriteLine($"wrote chart-funnel.png, chart-targets.png, chart-activity.png to {docs.FullName}");
        }
        return 0;
    }

    /// <summary>
    /// A team's month: busier midweek, quiet weekends, no day at all for the Sunday nobody logged anything (the chart
    /// must show it as 0), and a few wins.
    /// </summary>
    private static List<ActivityDay> Month()
    {
        var random = new Random(20261130);
        var days = new List<ActivityDay>();
        for (var day = LastDay.AddDays(-29); day <= LastDay; day = day.AddDays(1))
        {
            if (day == new DateOnly(2026, 11, 15))
                continue;
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var interactions = weekend ? random.Next(2, 9) : random.Next(22, 41);
            var won = !weekend && random.Next(4) == 0 ? random.Next(1, 4) : 0;
            days.Add(new ActivityDay(day, interactions, won));
        }
        return days;
    }

    private static double[] Time(int runs, Func<byte[]> draw)
    {
        // The first picture pays for JIT and loading the font; a host pays that once.
        draw();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            draw();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static string Line(string what, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: p50 {Percentiles.Of(sorted, 0.5):0.0} ms, p95 {Percentiles.Of(sorted, 0.95):0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Length} runs");
}
