using Bot.Conversations.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Early each morning: a follow-up for every customer the guides' cadence says is due and nobody planned.</summary>
public sealed class CadenceJob(CadencePlanner planner, IOptions<SchedulingOptions> options) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct) =>
        $"{await planner.RunAsync(now, options.Value.CadencePerRepPerDay, ct)} 条节奏跟进";
}
