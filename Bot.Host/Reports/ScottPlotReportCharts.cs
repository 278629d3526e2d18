using Bot.Conversations.Reports;
using Microsoft.Extensions.Options;

namespace Bot.Host.Reports;

/// <summary>The report pictures drawn with ScottPlot, each on a plot of its own, so any number can be drawn at once.</summary>
public sealed class ScottPlotReportCharts(IOptions<ChartFontOptions> font) : IReportCharts
{
    private readonly string _font = font.Value.Family;

    public byte[] Funnel(string title, IReadOnlyList<StageBar> stages) => ChartCanvas.Png(FunnelChart.Draw(title, stages, _font));

    public byte[] TargetAchievement(string title, IReadOnlyList<TargetBar> people) => ChartCanvas.Png(TargetChart.Draw(title, people, _font));

    public byte[] ActivityTrend(string title, IReadOnlyList<ActivityDay> days) => ChartCanvas.Png(ActivityChart.Draw(title, days, _font));
}
