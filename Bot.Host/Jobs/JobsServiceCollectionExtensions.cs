using Bot.Conversations.Customers;
using Bot.Host.WeCom.Client;

namespace Bot.Host.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>The nightly jobs as plain services; the scheduler calls their RunAsync.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddTransient<IWeComContactDirectory, WeComContactDirectory>();
        services.AddTransient<ContactReconciliation>();
        services.AddSingleton<ChurnScanService>();
        services.AddTransient<ContactReconciliationService>();
        return services;
    }
}
