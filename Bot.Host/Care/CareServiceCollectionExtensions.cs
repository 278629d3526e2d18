using Bot.Host.WeCom;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Care;

public static class CareServiceCollectionExtensions
{
    /// <summary>Customer care's two runs (their options, <c>Care</c>, come with AddConversations); safe to add twice.</summary>
    public static IServiceCollection AddCare(this IServiceCollection services)
    {
        services.AddWeComApi();
        services.TryAddSingleton<CareGreetingRun>();
        services.TryAddSingleton<CareResultRun>();
        return services;
    }
}
