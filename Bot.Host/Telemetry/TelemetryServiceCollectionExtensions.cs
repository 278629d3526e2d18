using System.Security.Cryptography;
using System.Text;
using Bot.Conversations;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Bot.Host.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The product instruments: recorded by every host and command, exported only where <see cref="AddTelemetry"/> says.</summary>
    public static IServiceCollection AddBotMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<BotMetrics>();
        return services;
    }

    /// <summary>
    /// Exporters as <see cref="TelemetryOptions"/> ask: the Prometheus scrape when metrics are on, OTLP (traces and metrics)
    /// when an endpoint is set. With neither, OpenTelemetry is not started and the spans are never even created.
    /// </summary>
    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        var o = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = Uri.TryCreate(o.Otlp.Endpoint, UriKind.Absolute, out var endpoint);
        if (!o.Metrics.Enabled && !otlp)
            return services;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("bot"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(ConversationMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
            if (o.Metrics.Enabled)
                metrics.AddPrometheusExporter();
            if (otlp)
                metrics.AddOtlpExporter(e => e.Endpoint = endpoint!);
        });
        if (otlp)
        {
            // HttpClient spans show WeCom's URLs with query values redacted, so the access_token never leaves the host.
            telemetry.WithTracing(tracing => tracing.AddSource(BotActivities.SourceName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                .AddNpgsql().AddOtlpExporter(e => e.Endpoint = endpoint!));
        }
        return services;
    }

    /// <summary>The scrape endpoint, behind its bearer token; nothing at all when metrics are off.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Metrics;
        if (!o.Enabled)
            return app;
        var expected = Encoding.UTF8.GetBytes("Bearer " + o.Token);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == o.Path,
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                var presented = Encoding.UTF8.GetBytes(context.Request.Headers.Authorization.ToString());
                if (!CryptographicOperations.FixedTimeEquals(presented, expected))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return;
                }
                await next(context);
            }),
            optionsName: null);
        return app;
    }
}
