using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Bot.Host.Care;
using Bot.Host.Scheduling.Jobs;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Client;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    private const string Group = "bot";

    /// <summary>
    /// The scheduled jobs, run by Quartz with its clustered job store in the bot's PostgreSQL database: any number
    /// of hosts share the schedule and each fire time runs on exactly one of them.
    /// </summary>
    /// <param name="connectionString">The bot's database, where Quartz keeps the schedule.</param>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.AddScheduledJobs();
        var options = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        if (!options.Enabled)
            return services;
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "bot-assistant";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(options.CheckinSeconds);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(options.CheckinSeconds * 3);
                });
                store.ProvisionSchema();
            });
            foreach (var (name, cron) in options.Cron)
            {
                var job = new JobKey(name, Group);
                q.AddJob<ScheduledJobRunner>(j => j.WithIdentity(job).StoreDurably());
                q.AddTrigger(t => t.ForJob(job).WithIdentity(TriggerKeyOf(name)).WithSchedule(Schedule(cron)));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<ScheduleSync>();
        return services;
    }

    /// <summary>
    /// The jobs alone, without Quartz: what `scripts/bot jobs run NAME` uses. They are adapters over the use cases of
    /// AddConversations and AddCare, whose notices go through AddNoticeOutbox and whose WeCom calls through AddWeComApi.
    /// </summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        services.AddSingleton<IScheduledJob, DueRemindersJob>();
        services.AddSingleton<IScheduledJob, DailyDigestJob>();
        services.AddSingleton<IScheduledJob, WeeklyFunnelJob>();
        services.AddSingleton<IScheduledJob, CadenceJob>();
        services.AddSingleton<IScheduledJob, NightlyTiersJob>();
        services.AddSingleton<IScheduledJob, ChurnScanJob>();
        services.AddSingleton<IScheduledJob, ContactReconciliationJob>();
        services.AddSingleton<IScheduledJob, CareGreetingsJob>();
        services.AddSingleton<IScheduledJob, CareResultsJob>();
        services.AddSingleton<IScheduledJob, ContactTransfersJob>();
        // The validator needs the names without building the jobs, which themselves depend on the options.
        services.AddSingleton(new ScheduledJobTypes([.. services.Where(d => d.ServiceType == typeof(IScheduledJob)).Select(d => d.ImplementationType!)]));
        return services;
    }

    public static TriggerKey TriggerKeyOf(string name) => new(name, Group);

    public static ITrigger Trigger(string name, string cron) =>
        TriggerBuilder.Create<ScheduledJobRunner>().ForJob(new JobKey(name, Group)).WithIdentity(TriggerKeyOf(name)).WithSchedule(Schedule(cron)).Build();

    /// <summary>
    /// Missed fire times (every host was down) run once when a host comes back: each job covers everything due
    /// up to its run time, so one catch-up run is enough and a burst of them would add nothing.
    /// </summary>
    private static CronScheduleBuilder Schedule(string cron) =>
        CronScheduleBuilder.Create(cron).InTimeZone(ChinaTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
}
