using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Conversations;

public static class ConversationsServiceCollectionExtensions
{
    public static IServiceCollection AddConversations(this IServiceCollection services)
    {
        services.AddSingleton<IConversationEngine, HelpOnlyEngine>();
        services.AddSingleton<CustomerContactEvents>();
        return services;
    }
}
