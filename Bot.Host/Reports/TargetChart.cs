using System.Globalization;
using Bot.Conversations.Common;
using Bot.Conversations.Reports;
using ScottPlot;

namespace Bot.Host.Reports;

/// <summary>
/// Target achievement on one scale for everyone, whatever their targets: each bar is the share of the person's own
/// target, over a grey track to 100 % (the target), with a dashed line at 100 %. The amounts are in the right column.
/// </summary>
internal static class TargetChart
{
    // Someone at 900 % of a small target would squeeze everyone else into a corner; their bar runs to the edge and the
    // column still says 900 %.
    private const double MaxShownPercent = 200;

    public static Plot Draw(string title, IReadOnlyList<TargetBar> people, string font)
    {
        if (people.Count == 0)
            return ChartCanvas.Empty(title, font, "暂无数据");
        var rows = Order(people);
        var plot = ChartCanvas.Create(title, font);
        var right = Math.Max(110, Math.Min(MaxShownPercent, rows.Max(r => Percent(r) ?? 0))) * 1.04;

        var bars = new List<Bar>();
        for (var i = 0; i < rows.Count; i++)
        {
            var position = rows.Count - 1 - i;
            if (Percent(rows[i]) is not { } percent)
                continue;
            bars.Add(new Bar { Position = position, Value = 100, Size = 0.7, FillColor = ChartCanvas.Track, LineWidth = 0 });
            bars.Add(new Bar
            {
                Position = position,
                Value = Math.Min(percent, right),
                Size = 0.7,
                FillColor = percent >= 100 ? ChartCanvas.Green : percent >= 60 ? ChartCanvas.Blue : ChartCanvas.Orange,
                LineWidth = 0,
            });
        }
        if (bars.Count > 0)
            plot.Add.Bars(bars).Horizontal = true;

        var target = plot.Add.VerticalLine(100, 2, ChartCanvas.Red, LinePattern.Dashed);
        // Named on the bottom axis in place of the 100 % tick: at the top it would run into the title.
        target.Text = "目标 100%";
        target.LabelFontName = font;
        target.LabelFontSize = ChartCanvas.TickSize - 2;

        ChartCanvas.RowLabels(plot, [.. rows.Select(r => r.Name)], [.. rows.Select(Figures)], ChartCanvas.RowLabelSize(rows.Count));
        plot.Axes.SetLimitsX(0, right);
        var ticks = Enumerable.Range(0, (int)(right / 50) + 1).Select(k => k * 50.0).Where(t => t != 100).ToArray();
        plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t:0}%"))]);
        plot.Grid.YAxisStyle.IsVisible = false;
        return plot;
    }

    /// <summary>Best first: the highest share of target, then those without a target by amount signed.</summary>
    private static List<TargetBar> Order(IReadOnlyList<TargetBar> people) =>
        [.. people.OrderBy(p => Percent(p) is null).ThenByDescending(p => Percent(p) ?? 0).ThenByDescending(p => p.Achieved)];

    private static double? Percent(TargetBar person) =>
        person.Target > 0 ? (double)(person.Achieved / person.Target * 100) : null;

    private static string Figures(TargetBar person) => Percent(person) is { } percent
        ? string.Create(CultureInfo.InvariantCulture, $"{percent:0}%  {ChineseFormat.Money(person.Achieved)}/{ChineseFormat.Money(person.Target)}")
        : $"无目标  {ChineseFormat.Money(person.Achieved)}";
}
