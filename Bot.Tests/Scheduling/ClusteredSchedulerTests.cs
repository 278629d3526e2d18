using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Scheduling;

/// <summary>Two hosts in two processes share Quartz's clustered store in one database: each fire time runs once.</summary>
public sealed class ClusteredSchedulerTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    private static readonly Dictionary<string, string> EverySecond = new()
    {
        ["Scheduling__Enabled"] = "true",
        ["Scheduling__CheckinSeconds"] = "1",
        ["Scheduling__Cron__DueReminders"] = "0/1 * * * * ?",
    };

    private sealed record Run(DateTime ScheduledFor, string Instance, DateTime StartedAt);

    [Fact]
    public async Task TwoSchedulers_EveryFireTimeRunsOnce_AndTheSurvivorCarriesOnAfterAKill()
    {
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        var first = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: EverySecond);
        // The second host joins while the first is firing: the moment where re-declared triggers used to fire twice.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var second = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: EverySecond);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await first.KillAsync();
        var killedAt = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(8));
        await second.KillAsync();

        await using var connection = new NpgsqlConnection(_connectionString);
        var runs = (await connection.QueryAsync<Run>(
            "select scheduled_for as ScheduledFor, instance, started_at as StartedAt from job_runs where job = 'DueReminders' order by scheduled_for")).ToList();
        Assert.Empty(runs.GroupBy(r => r.ScheduledFor).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.True(runs.Count >= 10, $"only {runs.Count} runs");
        Assert.Equal(2, runs.Select(r => r.Instance).Distinct().Count());
        // Taken over within the cluster's check-in threshold (3 s here), not left to stall.
        Assert.Contains(runs, r => r.StartedAt > killedAt.AddSeconds(5));
    }
}
