using Bot.Conversations.Care;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every morning: the day's birthday, festival and post-sale greetings, queued as group sends from each owning rep.</summary>
public sealed class CareGreetingsJob(CareGreetingRun run) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var result = await run.RunAsync(now, ct);
        return result.WindowClosed
            ? "不在发送时段，未安排客户关怀"
            : $"客户关怀：排队 {result.Queued} 条，因群发次数上限让位 {result.Yielded} 条，销售这次跳过 {result.Skipped} 条，通知 {result.RepsNoted} 位销售";
    }
}
