using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Microsoft.Extensions.Logging;

namespace Bot.Conversations.Churn;

/// <summary>
/// The nightly churn scan: re-assesses every customer for the day that has just begun and queues one notice per
/// customer newly at risk to its owner. Queued before the findings are stored, under keys of the day, so a scan
/// run again after a failure sends nothing twice.
/// </summary>
public sealed class ChurnScan(IChurnFindings findings, ChurnNotices notices, INoticeOutbox outbox, ILogger<ChurnScan> logger)
{
    public async Task<ChurnScanResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var queued = 0;
        var result = await findings.ScanAsync(today, now, async (changes, token) =>
            queued = await outbox.QueueAsync(new ScheduledOutput(await notices.ForAsync(changes, today, token)), token), ct);
        logger.LogInformation("Churn scan for {Day}: {AtRisk} customers at risk, {New} newly, {Notices} notices queued",
            today, result.AtRisk, result.Changes.Count, queued);
        return result;
    }
}
