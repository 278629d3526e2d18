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
        services.AddSingleton<InboundSignal>();
        services.AddSingleton<OutageLog>();
        services.AddSingleton<ExternalContactEventProcessor>();
        services.AddHostedService<InboundWorker>();
        services.AddHostedService<OutboxDispatcher>();
        return services;
    }
}
