using System.Diagnostics;
using Bot.Conversations.Operations;
using Bot.Host.Telemetry;
using Quartz;

namespace Bot.Host.Scheduling;

/// <summary>
/// The one Quartz job class: each trigger names an <see cref="IScheduledJob"/> by its job key. Every execution is
/// logged in job_runs with the fire time and the host, which is how a double fire would show. Concurrent
/// execution of the same job is refused cluster-wide; a failed run is tried again shortly, then left to the next
/// fire time (every job is idempotent, so a retry never repeats what already went out).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledJobRunner(IEnumerable<IScheduledJob> jobs, IJobRuns runs, TimeProvider clock, BotMetrics metrics, ILogger<ScheduledJobRunner> logger) : IJob
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        var job = jobs.Single(j => j.Name == name);
        var scheduledFor = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var runId = await runs.StartAsync(name, scheduledFor, context.Scheduler.SchedulerInstanceId, cancellationToken);
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var summary = await job.RunAsync(clock.GetUtcNow(), cancellationToken);
                await runs.FinishAsync(runId, true, summary, CancellationToken.None);
                metrics.JobRan(name, true);
                logger.LogInformation("Job {Job} done in {Ms} ms: {Summary}", name, watch.ElapsedMilliseconds, summary);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                if (attempt < RetryDelays.Length)
                {
                    logger.LogWarning(ex, "Job {Job} failed (attempt {Attempt}); retrying", name, attempt + 1);
                    await Task.Delay(RetryDelays[attempt], cancellationToken);
                    continue;
                }
                logger.LogError(ex, "Job {Job} failed; the next fire time will try again", name);
                await runs.FinishAsync(runId, false, ex.Message, CancellationToken.None);
                metrics.JobRan(name, false);
                return;
            }
        }
    }
}
