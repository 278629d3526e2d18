using Bot.Conversations.Reports;
using Microsoft.Extensions.Options;
using ScottPlot;

namespace Bot.Host.Reports;

/// <summary>The report pictures drawn with ScottPlot, each on a plot of its own, so any number can be drawn at once.</summary>
public sealed class ScottPlotReportCharts(IOptions<ChartFontOptions> font) : IReportCharts
{
    private readonly string _font = font.Value.Family;

    public byte[] Funnel(string title, IReadOnlyList<StageBar> stages) => Png(FunnelChart.Draw(title, stages, _font));

    public byte[] TargetAchievement(string title, IReadOnlyList<TargetBar> people) => Png(TargetChart.Draw(title, people, _font));

    public byte[] ActivityTrend(string title, IReadOnlyList<ActivityDay> days) => Png(ActivityChart.Draw(title, days, _font));

    // A plot holds native drawing resources; give them back with each picture rather than when the GC gets round to it.
    private static byte[] Png(Plot plot)
    {
        using (plot)
            return plot.GetImageBytes(ChartCanvas.Width, ChartCanvas.Height, ImageFormat.Png);
    }
}
