using Bot.Data;
using Bot.Host.Health;

namespace Bot.Host.Hosting;

/// <summary>The composition root shared by the web host and the command line.</summary>
public static class BotHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddRepositoryAppSettings();
        builder.Services.AddData();
        return builder;
    }

    public static WebApplication BuildWebApp(string[] args, bool seedDemo)
    {
        var builder = CreateBuilder(args);
        builder.Services.AddSingleton(new DatabaseStartupOptions(seedDemo));
        builder.Services.AddHostedService<DatabaseStartupService>();
        var app = builder.Build();
        app.MapHealthEndpoints();
        return app;
    }
}
