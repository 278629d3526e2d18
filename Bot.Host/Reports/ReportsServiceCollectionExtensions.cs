using Bot.Conversations.Reports;

namespace Bot.Host.Reports;

public static class ReportsServiceCollectionExtensions
{
    /// <summary>
    /// The report pictures (ScottPlot) and workbooks (Open XML). The chart font is looked for once, when the host starts:
    /// without a CJK font the start fails with a line saying which package to install, rather than every chart
    /// later coming out as empty boxes.
    /// </summary>
    public static IServiceCollection AddReportRendering(this IServiceCollection services)
    {
        services.AddOptions<ChartFontOptions>()
            .Configure(o => o.Family = CjkFontProbe.FindInstalled() ?? "")
            .Validate(o => o.Family.Length > 0, CjkFontProbe.MissingMessage)
            .ValidateOnStart();
        services.AddSingleton<IReportCharts, ScottPlotReportCharts>();
        services.AddSingleton<IReportWorkbook, OpenXmlReportWorkbook>();
        return services;
    }
}
