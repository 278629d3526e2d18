using Bot.Conversations.Churn;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Just after midnight: the day's churn findings, and a notice to owners of customers newly at risk.</summary>
public sealed class ChurnScanJob(ChurnScan scan) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var result = await scan.RunAsync(now, ct);
        return $"{result.AtRisk} 个客户有流失信号，其中新出现 {result.Changes.Count} 个";
    }
}
