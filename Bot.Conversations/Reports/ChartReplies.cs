using Bot.Conversations.Pipeline;
using Microsoft.Extensions.Logging;

namespace Bot.Conversations.Reports;

/// <summary>
/// A report's picture as a reply after its text. Drawing is never allowed to cost the answer: if it fails, the text
/// (already the whole answer) goes alone and the failure is logged.
/// </summary>
public sealed class ChartReplies(IReportCharts charts, ILogger<ChartReplies> logger)
{
    public IEnumerable<Reply> Picture(string fileName, string caption, Func<IReportCharts, byte[]> draw)
    {
        byte[] png;
        try
        {
            png = draw(charts);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Chart {File} could not be drawn; the report goes as text only", fileName);
            return [];
        }
        return [Reply.Image(fileName, png, caption)];
    }
}
