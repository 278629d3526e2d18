using System.Text.Json;
using ScottPlot;

namespace Bot.Bench.Dashboard;

/// <summary>The dashboard's panels, in its grid order, each target evaluated at every scrape and drawn as a line per series.</summary>
public static class DashboardPicture
{
    private const int Columns = 3;
    private const int PanelWidth = 640;
    private const int PanelHeight = 400;

    private const string Font = "dashboard-cjk";

    /// <param name="fontFile">A font with Chinese glyphs: SkiaSharp's self-contained native build cannot ask fontconfig for one.</param>
    public static void Render(JsonElement dashboard, IReadOnlyList<Scrape> scrapes, string fontFile, string path)
    {
        // Titles and axis labels are bold: without a bold face registered under the name they fall back to a font with no Chinese.
        Fonts.AddFontFile(Font, fontFile);
        Fonts.AddFontFile(Font, fontFile, bold: true);
        var panels = dashboard.GetProperty("panels").EnumerateArray().ToList();
        var multiplot = new Multiplot();
        multiplot.AddPlots(panels.Count);
        var rows = (panels.Count + Columns - 1) / Columns;
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, Columns);
        var start = scrapes[0].At;
        for (var p = 0; p < panels.Count; p++)
        {
            var plot = multiplot.GetPlot(p);
            Draw(plot, panels[p], scrapes, start);
        }
        multiplot.SavePng(path, Columns * PanelWidth, rows * PanelHeight);
    }

    private static void Draw(Plot plot, JsonElement panel, IReadOnlyList<Scrape> scrapes, DateTime start)
    {
        var lines = new SortedDictionary<string, List<(double X, double Y)>>(StringComparer.Ordinal);
        foreach (var target in panel.GetProperty("targets").EnumerateArray())
        {
            var expr = target.GetProperty("expr").GetString()!;
            var legend = target.GetProperty("legendFormat").GetString()!;
            for (var i = 0; i < scrapes.Count; i++)
            {
                foreach (var (name, value) in DashboardQuery.Evaluate(expr, legend, scrapes, i))
                {
                    if (!double.IsFinite(value))
                        continue;
                    if (!lines.TryGetValue(name, out var points))
                        lines[name] = points = [];
                    points.Add(((scrapes[i].At - start).TotalSeconds, value));
                }
            }
        }
        plot.Title(panel.GetProperty("title").GetString()!);
        plot.XLabel("秒（自开始）");
        foreach (var (name, points) in lines)
        {
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            line.LegendText = name.Trim().Length == 0 ? "全部" : name;
        }
        if (lines.Count == 0)
            plot.Add.Annotation("无数据（本次运行没有这类事件）");
        else
            plot.ShowLegend(Alignment.UpperLeft);
        plot.Font.Set(Font);
        foreach (var note in plot.GetPlottables().OfType<ScottPlot.Plottables.Annotation>())
            note.LabelFontName = Font;
    }
}
