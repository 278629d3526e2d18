using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Scheduling;

/// <summary>
/// Hosts declare their triggers with IgnoreDuplicates (re-declaring on every start makes a trigger fire twice in
/// the second another host joins), so a cron changed in appsettings.json would never reach the stored trigger.
/// This pushes such a change explicitly, once, at start.
/// </summary>
public sealed class ScheduleSync(ISchedulerFactory schedulers, IOptions<SchedulingOptions> options, ILogger<ScheduleSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var (name, cron) in options.Value.Cron)
        {
            var key = SchedulingServiceCollectionExtensions.TriggerKeyOf(name);
            if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger stored && stored.CronExpressionString != cron)
            {
                await scheduler.RescheduleJob(key, SchedulingServiceCollectionExtensions.Trigger(name, cron), cancellationToken);
                logger.LogInformation("Job {Job} rescheduled from '{Old}' to '{New}'", name, stored.CronExpressionString, cron);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
