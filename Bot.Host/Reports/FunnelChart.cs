using System.Globalization;
using Bot.Conversations.Reports;
using ScottPlot;

namespace Bot.Host.Reports;

/// <summary>The funnel: one bar per stage from the first down, centred so the picture narrows like a funnel.</summary>
internal static class FunnelChart
{
    public static Plot Draw(string title, IReadOnlyList<StageBar> stages, string font)
    {
        if (stages.Count == 0)
            return ChartCanvas.Empty(title, font, "暂无数据");
        var plot = ChartCanvas.Create(title, font);
        var widest = Math.Max(1, stages.Max(s => s.Count));
        var first = stages[0].Count;
        var bars = stages.Select((stage, i) => new Bar
        {
            Position = stages.Count - 1 - i,
            Value = stage.Count / 2.0,
            ValueBase = -stage.Count / 2.0,
            Size = 0.72,
            FillColor = ChartCanvas.Blue.Lighten(0.45 * i / Math.Max(1, stages.Count - 1)),
            LineWidth = 0,
        }).ToArray();
        plot.Add.Bars(bars).Horizontal = true;

        var size = ChartCanvas.RowLabelSize(stages.Count);
        ChartCanvas.RowLabels(plot, [.. stages.Select(s => s.Stage)], [.. stages.Select(s => Figures(s.Count, first))], size);
        plot.Axes.SetLimitsX(-widest * 0.52, widest * 0.52);
        plot.Axes.Bottom.IsVisible = false;
        plot.HideGrid();
        return plot;
    }

    // "37 · 31%": the count and its share of the first stage; just the count when the first stage is empty.
    private static string Figures(int count, int first) =>
        first <= 0 ? count.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{count} · {Math.Round(100.0 * count / first):0}%");
}
