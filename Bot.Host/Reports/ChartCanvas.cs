using ScottPlot;

namespace Bot.Host.Reports;

/// <summary>
/// What every report chart shares: the size, a phone-sized type scale, the palette and the empty state. An 800×500
/// picture is shown about half size in a WeCom chat, so the type is some 1.6 times ScottPlot's desktop defaults.
/// </summary>
internal static class ChartCanvas
{
    public const int Width = 800;
    public const int Height = 500;

    public const float TitleSize = 28;
    public const float TickSize = 19;
    public const float LabelSize = 18;

    public static readonly Color Ink = Color.FromHex("#1F2937");
    public static readonly Color Muted = Color.FromHex("#6B7280");
    public static readonly Color Track = Color.FromHex("#E5E7EB");
    public static readonly Color Blue = Color.FromHex("#2563EB");
    public static readonly Color Green = Color.FromHex("#16A34A");
    public static readonly Color Orange = Color.FromHex("#EA580C");
    public static readonly Color Red = Color.FromHex("#DC2626");

    /// <summary>A new plot per picture: ScottPlot plots are not shared between threads.</summary>
    public static Plot Create(string title, string font)
    {
        var plot = new Plot();
        plot.Font.Set(font);
        plot.Title(title, TitleSize);
        plot.Axes.Title.Label.ForeColor = Ink;
        plot.Axes.Title.Label.Bold = true;
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = Ink;
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
        }
        plot.Grid.MajorLineColor = Track.WithAlpha(0.7);
        return plot;
    }

    /// <summary>Title and a line saying there is nothing to draw, in place of empty axes.</summary>
    public static Plot Empty(string title, string font, string note)
    {
        var plot = Create(title, font);
        foreach (var axis in plot.Axes.GetAxes())
            axis.IsVisible = false;
        plot.HideGrid();
        var text = plot.Add.Text(note, 0, 0);
        text.LabelFontName = font;
        text.LabelFontSize = LabelSize + 4;
        text.LabelFontColor = Muted;
        text.LabelAlignment = Alignment.MiddleCenter;
        plot.Axes.SetLimits(-1, 1, -1, 1);
        return plot;
    }

    /// <summary>
    /// Category labels on both sides of horizontal bars: names on the left, figures in a column on the right, so the
    /// layout measures both and nothing overlaps a bar or runs off the picture.
    /// </summary>
    public static void RowLabels(Plot plot, IReadOnlyList<string> left, IReadOnlyList<string> right, float size)
    {
        // Row 0 at the top.
        var positions = Enumerable.Range(0, left.Count).Select(i => (double)(left.Count - 1 - i)).ToArray();
        plot.Axes.Left.SetTicks(positions, [.. left]);
        plot.Axes.Right.SetTicks(positions, [.. right]);
        plot.Axes.Left.TickLabelStyle.FontSize = size;
        plot.Axes.Right.TickLabelStyle.FontSize = size;
        // One or two rows keep the height of three, so a lone bar does not fill the picture.
        var pad = Math.Max(0, 3 - left.Count) / 2.0;
        plot.Axes.SetLimitsY(-0.6 - pad, left.Count - 0.4 + pad, plot.Axes.Left);
        plot.Axes.SetLimitsY(-0.6 - pad, left.Count - 0.4 + pad, plot.Axes.Right);
    }

    /// <summary>Row labels shrink when there are many rows (20 reps), so neighbours never touch.</summary>
    public static float RowLabelSize(int rows) => Math.Clamp(400f / Math.Max(rows, 1) * 0.76f, 14f, LabelSize + 2);
}
