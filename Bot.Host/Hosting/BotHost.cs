using Bot.Conversations;
using Bot.Data;
using Bot.Host.Care;
using Bot.Host.Health;
using Bot.Host.Llm;
using Bot.Host.Messaging;
using Bot.Host.Sandbox;
using Bot.Host.Scheduling;
using Bot.Host.Telemetry;
using Bot.Host.WeCom;

namespace Bot.Host.Hosting;

/// <summary>The composition root shared by the web host and the command line.</summary>
public static class BotHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddRepositoryAppSettings();
        builder.Services.AddData();
        builder.Services.AddBotMetrics();
        return builder;
    }

    /// <param name="configure">Last changes to the services (tests put a fake clock here).</param>
    public static WebApplication BuildWebApp(string[] args, bool seedDemo, Action<IServiceCollection>? configure = null)
    {
        var builder = CreateBuilder(args);
        // Only takes effect under systemd; its own log format is replaced by JSON lines just below.
        builder.Host.UseSystemd();
        builder.Logging.UseJsonLinesUnlessTerminal(builder.Configuration);
        builder.Services.AddSingleton(new DatabaseStartupOptions(seedDemo));
        // Registered first: hosted services start in order, so the schema is current before any worker runs.
        builder.Services.AddHostedService<DatabaseStartupService>();
        builder.Services.AddConversations();
        builder.Services.AddLlm(builder.Configuration);
        builder.Services.AddWeCom();
        builder.Services.AddMessaging();
        builder.Services.AddCare();
        builder.Services.AddScheduling(builder.Configuration);
        builder.Services.AddSandbox(builder.Configuration);
        builder.Services.AddTelemetry(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTelemetry();
        app.MapHealthEndpoints();
        app.MapWeCom();
        app.MapSandbox();
        return app;
    }
}
