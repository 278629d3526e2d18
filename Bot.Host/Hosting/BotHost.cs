using Bot.Conversations;
using Bot.Data;
using Bot.Host.Care;
using Bot.Host.Health;
using Bot.Host.Llm;
using Bot.Host.Messaging;
using Bot.Host.Reports;
using Bot.Host.Scheduling;
using Bot.Host.Telemetry;
using Bot.Host.WeCom;

namespace Bot.Host.Hosting;

/// <summary>The composition root shared by the web host and the command line.</summary>
public static class BotHost
{
    /// <summary>Sandbox mode's switch (set by scripts/run); only the sandbox build has an emulator to switch on.</summary>
    public const string EmulatorSwitch = "WeCom:Emulator:Enabled";

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddRepositoryAppSettings();
        RenamedSettings.ThrowIfUsed(builder.Configuration);
        builder.Services.AddData();
        builder.Services.AddBotMetrics();
        return builder;
    }

    /// <summary>
    /// The scheduled jobs with the modules they use, without Quartz or the workers: what `jobs` and `jobs run NAME`
    /// compose (and the jobs' tests).
    /// </summary>
    public static IServiceCollection AddJobsAlone(this IServiceCollection services) =>
        services.AddConversations().AddReportRendering().AddWeComApi().AddCare().AddNoticeOutbox().AddScheduledJobs();

    /// <summary>The host's services without the web server, quiet, plus whatever a one-shot command (or a benchmark) needs.</summary>
    public static WebApplication BuildServices(Action<IServiceCollection>? add = null)
    {
        var builder = CreateBuilder([]);
        // One-shot commands print their own summary; keep framework chatter out of it.
        builder.Configuration.AddInMemoryCollection([
            new("Logging:LogLevel:Default", "Warning"),
            new("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning"),
        ]);
        add?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <param name="configure">Last changes to the services (tests put a fake clock here).</param>
    /// <param name="addOn">What the sandbox build adds; the production host has none.</param>
    public static WebApplication BuildWebApp(string[] args, bool seedDemo, Action<IServiceCollection>? configure = null, HostAddOn? addOn = null)
    {
        var builder = CreateBuilder(args);
        // An operator who copied the sandbox's switch into production gets told, not a host that quietly has no WeCom.
        if (addOn is null && builder.Configuration.GetValue<bool>(EmulatorSwitch))
            throw new InvalidOperationException(
                $"{EmulatorSwitch}=true，但企业微信模拟器只在沙箱版本（Bot.Sandbox）里：本机试用请运行 scripts/run；正式部署请去掉这项设置。");
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
        builder.Services.AddReportRendering();
        builder.Services.AddScheduling(builder.Configuration, builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()?.ConnectionString ?? "");
        addOn?.AddServices(builder.Services, builder.Configuration);
        builder.Services.AddTelemetry(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapTelemetry();
        app.MapHealthEndpoints();
        app.MapWeCom();
        addOn?.MapEndpoints(app);
        return app;
    }
}
