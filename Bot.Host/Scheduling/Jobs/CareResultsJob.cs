using Bot.Conversations.Care;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>A few times a day: whether reps confirmed their greetings, and a reminder (at most twice) when not.</summary>
public sealed class CareResultsJob(CareResultRun run) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var result = await run.RunAsync(now, ct);
        return $"客户关怀结果：已发送 {result.Sent}，失败 {result.Failed}，待确认 {result.Waiting}，过期未确认 {result.Expired}，提醒 {result.RepsReminded} 位销售";
    }
}
