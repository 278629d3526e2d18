using Bot.Conversations;
using Bot.Data.Postgres;
using Bot.Host.Care;
using Bot.Host.Hosting;
using Bot.Host.Reports;
using Bot.Host.WeCom;

namespace Bot.Bench;

/// <summary>Each benchmark on the host's own services (built as the one-shot commands build them), plus its driver.</summary>
internal static class BenchCommands
{
    public static async Task<int> NluAsync(int customers, int messages, string? target, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => WithWeComOptions(services).AddSingleton<NluBenchmark>());
        var bench = app.Services.GetRequiredService<NluBenchmark>();
        if (target is null)
            return bench.RunParser(customers, messages);
        return await bench.RunReplyLatencyAsync(new Uri(target), "lina", 300, 20, ct);
    }

    public static async Task<int> ReportsAsync(int customers, int interactionsPerCustomer, int runs, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddConversations().AddReportRendering().AddSingleton<ReportsBenchmark>());
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
        return await app.Services.GetRequiredService<ReportsBenchmark>().RunAsync(customers, interactionsPerCustomer, runs, ct);
    }

    public static async Task<int> ChartsAsync(int runs, DirectoryInfo? docs)
    {
        await using var app = BotHost.BuildServices(services => services.AddReportRendering().AddSingleton<ChartsBenchmark>());
        return app.Services.GetRequiredService<ChartsBenchmark>().Run(runs, docs);
    }

    public static async Task<int> CareAsync(int customers, int perMinute, int seconds, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => services.AddConversations().AddReportRendering().AddWeComApi().AddCare().AddSingleton<CareBenchmark>());
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
        return await app.Services.GetRequiredService<CareBenchmark>().RunAsync(customers, perMinute, seconds, ct);
    }

    public static async Task<int> FaultsAsync(int rate, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => WithWeComOptions(services).AddSingleton<FaultsBenchmark>());
        await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(ct);
        return await app.Services.GetRequiredService<FaultsBenchmark>().RunAsync(rate, ct);
    }

    public static async Task<int> CallbacksAsync(Uri target, int[] rates, int seconds, CancellationToken ct)
    {
        await using var app = BotHost.BuildServices(services => WithWeComOptions(services).AddSingleton<CallbackBenchmark>());
        return await app.Services.GetRequiredService<CallbackBenchmark>().RunAsync(target, rates, seconds, duplicateShare: 0.05, ct);
    }

    private static IServiceCollection WithWeComOptions(IServiceCollection services)
    {
        services.AddOptions<WeComOptions>().BindConfiguration(WeComOptions.Section);
        return services;
    }
}
