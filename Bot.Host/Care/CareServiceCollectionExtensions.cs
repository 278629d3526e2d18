using Bot.Conversations.Care;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Care;

public static class CareServiceCollectionExtensions
{
    /// <summary>
    /// Care's WeCom side: whether reps confirmed their group sends. The runs themselves and their options (<c>Care</c>)
    /// come with AddConversations, WeCom's API with AddWeComApi. Safe to add twice.
    /// </summary>
    public static IServiceCollection AddCare(this IServiceCollection services)
    {
        services.TryAddTransient<ICareDeliveries, WeComCareDeliveries>();
        return services;
    }
}
