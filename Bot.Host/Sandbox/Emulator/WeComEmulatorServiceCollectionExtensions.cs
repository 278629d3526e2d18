using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Sandbox.Emulator;

public static class WeComEmulatorServiceCollectionExtensions
{
    /// <summary>Registers the emulator's state and callback senders; <see cref="WeComEmulatorEndpoints.MapWeComEmulator"/> exposes them.</summary>
    public static IServiceCollection AddWeComEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeComEmulatorOptions>().Bind(configuration.GetSection(WeComEmulatorOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenStore>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<ContactStore>();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<GroupMessageStore>();
        services.AddSingleton<MediaStore>();
        services.AddSingleton<AiBotReplyStore>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<EmulatorAddress>();
        services.AddSingleton<CallbackPoster>();
        services.AddSingleton<WeComCallbackSender>();
        services.AddSingleton<AiBotCallbackSender>();
        services.AddSingleton<WeComEmulatorState>();
        // The poster enforces WeCom's own per-attempt timeout; HttpClient's 100 s default must not cut in first.
        services.AddHttpClient(CallbackPoster.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        return services;
    }
}
