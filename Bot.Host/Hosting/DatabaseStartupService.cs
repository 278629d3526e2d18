using Bot.Data.Demo;
using Bot.Data.Postgres;
using Npgsql;

namespace Bot.Host.Hosting;

public sealed record DatabaseStartupOptions(bool SeedDemo);

/// <summary>
/// Brings the schema up to date before the host takes traffic (hosted services start before the server),
/// and loads the demo company into an empty sandbox.
/// </summary>
public sealed class DatabaseStartupService(
    MigrationRunner migrations, DemoCompanySeeder demo, Bot.Conversations.Tiering.TierRecompute tiers, DatabaseStartupOptions options,
    ILogger<DatabaseStartupService> logger) : IHostedService
{
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(30);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RetryFor;
        while (true)
        {
            try
            {
                await migrations.MigrateAsync(cancellationToken);
                break;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline && ex.IsTransient)
            {
                // PostgreSQL may still be starting next to us; give it a moment rather than failing the boot.
                logger.LogWarning("PostgreSQL not reachable yet ({Message}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        // A freshly loaded demo company is tiered at once, so "我的A类客户" has answers before the first nightly run.
        if (options.SeedDemo && await demo.SeedIfEmptyAsync(cancellationToken))
            await tiers.RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
