using System.Globalization;
using Bot.Conversations.Reports;
using ScottPlot;

namespace Bot.Host.Reports;

/// <summary>Interactions per day as a line over every day of the range (a day nobody logged is 0), wins as marked points.</summary>
internal static class ActivityChart
{
    public static Plot Draw(string title, IReadOnlyList<ActivityDay> days, string font)
    {
        if (days.Count == 0)
            return ChartCanvas.Empty(title, font, "暂无数据");
        var series = EveryDay(days);
        var first = series[0].Day;
        var xs = series.Select(d => (double)(d.Day.DayNumber - first.DayNumber)).ToArray();
        var ys = series.Select(d => (double)d.Interactions).ToArray();
        var plot = ChartCanvas.Create(title, font);

        var line = plot.Add.Scatter(xs, ys, ChartCanvas.Blue);
        line.LineWidth = 3;
        line.MarkerSize = series.Count <= 31 ? 7 : 0;
        line.LegendText = "跟进次数";

        var won = series.Where(d => d.Won > 0).ToList();
        if (won.Count > 0)
        {
            double[] winXs = [.. won.Select(d => (double)(d.Day.DayNumber - first.DayNumber))];
            double[] winYs = [.. won.Select(d => (double)d.Interactions)];
            var wins = plot.Add.Markers(winXs, winYs, MarkerShape.FilledDiamond, 16, ChartCanvas.Orange);
            wins.LegendText = "当天签单（数字为单数）";
            foreach (var day in won)
            {
                var count = plot.Add.Text(day.Won.ToString(CultureInfo.InvariantCulture), day.Day.DayNumber - first.DayNumber, day.Interactions);
                count.LabelFontName = font;
                count.LabelFontSize = ChartCanvas.LabelSize - 2;
                count.LabelBold = true;
                count.LabelFontColor = ChartCanvas.Orange.Darken(0.2);
                count.LabelAlignment = Alignment.LowerCenter;
                count.OffsetY = -12;
            }
        }

        var step = Math.Max(1, (int)Math.Ceiling(series.Count / 7.0));
        var ticks = Enumerable.Range(0, series.Count).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(i => xs[i])], [.. ticks.Select(i => Label(series[i].Day))]);
        var top = Math.Max(4, ys.Max());
        // Below 0 a little, so a marker on a day with no interactions is not cut in half; above, room for the win counts.
        plot.Axes.SetLimits(-0.6, xs[^1] + 0.6, -top * 0.04, top * 1.12);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true, TargetTickCount = 5 };
        plot.Grid.XAxisStyle.IsVisible = false;

        plot.Legend.FontName = font;
        plot.Legend.FontSize = ChartCanvas.LabelSize - 2;
        plot.Legend.OutlineWidth = 0;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.ShowLegend(Edge.Top);
        return plot;
    }

    /// <summary>The days in order from the first to the last, those missing as 0 interactions and 0 wins.</summary>
    private static List<ActivityDay> EveryDay(IReadOnlyList<ActivityDay> days)
    {
        var byDay = days.GroupBy(d => d.Day).ToDictionary(g => g.Key, g => new ActivityDay(g.Key, g.Sum(d => d.Interactions), g.Sum(d => d.Won)));
        var first = byDay.Keys.Min();
        var last = byDay.Keys.Max();
        return [.. Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(k => first.AddDays(k))
            .Select(day => byDay.GetValueOrDefault(day) ?? new ActivityDay(day, 0, 0))];
    }

    private static string Label(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"{day.Month}/{day.Day}");
}
