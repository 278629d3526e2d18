using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Care;

public static class CareServiceCollectionExtensions
{
    /// <summary>Customer care's two runs (their options, <c>Care</c>, come with AddConversations; WeCom's API with AddWeComApi); safe to add twice.</summary>
    public static IServiceCollection AddCare(this IServiceCollection services)
    {
        services.TryAddSingleton<CareGreetingRun>();
        services.TryAddSingleton<CareResultRun>();
        return services;
    }
}
