using Bot.Host.Llm;
using Bot.Host.WeCom;
using Microsoft.Extensions.Options;

namespace Bot.Host.Doctor;

public static class DoctorServiceCollectionExtensions
{
    private const string WeComProbeClient = "doctor-wecom";

    /// <summary>
    /// The checks of <c>scripts/bot doctor</c>, in the order they print. Options are bound without validation: a
    /// missing or malformed setting is something doctor reports, not a reason for it to refuse to start.
    /// </summary>
    public static IServiceCollection AddDoctor(this IServiceCollection services)
    {
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section);
        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section);
        // No loggers: gettoken carries the secret in its query string, every other call the access token.
        services.AddHttpClient(WeComProbeClient, (sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<WeComOptions>>().Value.BaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = TimeSpan.FromSeconds(10);
        }).RemoveAllLoggers();
        services.AddHttpClient(CallbackVerifier.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();
        // One probe for all checks, so each WeCom call is made once a run.
        services.AddSingleton(sp => new WeComProbe(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(WeComProbeClient), sp.GetRequiredService<IOptions<WeComOptions>>()));
        services.AddSingleton<CallbackVerifier>();

        services.AddSingleton<IDoctorCheck, WeComTokenCheck>();
        services.AddSingleton<IDoctorCheck, TrustedIpCheck>();
        services.AddSingleton<IDoctorCheck, VisibleRangeCheck>();
        services.AddSingleton<IDoctorCheck, CustomerContactCheck>();
        services.AddSingleton<IDoctorCheck, CallbackCheck>();
        services.AddSingleton<IDoctorCheck, AiBotCheck>();
        services.AddSingleton<IDoctorCheck, ClockCheck>();
        services.AddSingleton<IDoctorCheck, DatabaseCheck>();
        services.AddSingleton<IDoctorCheck, RedisCheck>();
        services.AddSingleton<IDoctorCheck, LlmCheck>();
        services.AddSingleton<DoctorRunner>();
        return services;
    }
}
