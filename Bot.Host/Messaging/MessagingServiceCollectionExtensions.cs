using Bot.Conversations.Pipeline;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The durable inbox worker and the outbox dispatcher: messages in, through the conversations, and replies out.</summary>
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddOptions<InboundWorkerOptions>().BindConfiguration(InboundWorkerOptions.Section).PostConfigure<IConfiguration>((o, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(o.HostId))
                o.HostId = Environment.MachineName + "|" + (configuration["Urls"] ?? configuration["urls"] ?? "");
        }).ValidateDataAnnotations().ValidateOnStart();
        services.AddNoticeOutbox();
        services.AddSingleton<InboundSignal>();
        services.AddSingleton<OutageLog>();
        services.AddSingleton<ExternalContactEventProcessor>();
        services.AddHostedService<InboundWorker>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }

    /// <summary>Scheduled runs' notices into the outbox, for hosts and commands that queue without draining.</summary>
    public static IServiceCollection AddNoticeOutbox(this IServiceCollection services)
    {
        services.TryAddSingleton<NoticeOutbox>();
        services.TryAddSingleton<INoticeOutbox>(sp => sp.GetRequiredService<NoticeOutbox>());
        return services;
    }
}
