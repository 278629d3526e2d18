using Bot.Host.WeCom.Callback;
using Bot.Host.WeCom.Client;
using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom;

public static class WeComServiceCollectionExtensions
{
    /// <summary>The WeCom channel: callback crypto and the API client (the callbacks store into the inbox that AddMessaging drains).</summary>
    public static IServiceCollection AddWeCom(this IServiceCollection services)
    {
        services.AddWeComApi();
        services.AddSingleton<AppCrypto>();
        services.AddSingleton<AiBotCrypto>();
        return services;
    }

    /// <summary>The API client alone (options, token, calls), for jobs and commands that call WeCom without serving callbacks. Safe to call twice.</summary>
    public static IServiceCollection AddWeComApi(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WeComApiClient)))
            return services;
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Both clients go to the same base address: WeCom's cgi-bin/, or the emulator's.
        static void Configure(IServiceProvider sp, HttpClient http)
        {
            var baseUrl = sp.GetRequiredService<IOptions<WeComOptions>>().Value.BaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = TimeSpan.FromSeconds(10);
        }
        services.AddHttpClient<WeComTokenProvider>(Configure).RemoveAllLoggers();
        services.AddHttpClient<WeComApiClient>(Configure).RemoveAllLoggers();
        services.AddTransient<WeComCustomerContact>();
        services.AddTransient<WeComMedia>();
        services.AddSingleton<Bot.Conversations.Pipeline.IChannelMessages, WeComChannelMessages>();
        services.AddTransient<Bot.Conversations.Customers.IWeComContactDirectory, WeComContactDirectory>();
        services.AddTransient<Bot.Conversations.Reassignment.IContactTransferChannel, WeComContactTransfers>();
        // For singletons that call WeCom only when they run: composing them needs no WeCom configuration.
        services.AddTransient(sp => new Lazy<WeComCustomerContact>(sp.GetRequiredService<WeComCustomerContact>));
        return services;
    }

    public static IEndpointRouteBuilder MapWeCom(this IEndpointRouteBuilder app)
    {
        app.MapAppCallback();
        app.MapAiBotCallback();
        return app;
    }
}
