namespace Bot.Host.Care;

public static class CareServiceCollectionExtensions
{
    /// <summary>Customer care's two runs; their options (<c>Care</c>) come with AddConversations.</summary>
    public static IServiceCollection AddCare(this IServiceCollection services)
    {
        services.AddSingleton<CareGreetingRun>();
        services.AddSingleton<CareResultRun>();
        return services;
    }
}
