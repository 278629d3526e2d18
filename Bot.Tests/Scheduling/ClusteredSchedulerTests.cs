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

    private async Task<List<Run>> RunsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return [.. await connection.QueryAsync<Run>(
            "select scheduled_for as ScheduledFor, instance, started_at as StartedAt from job_runs where job = 'DueReminders' order by scheduled_for")];
    }

    /// <summary>Polls job_runs until <paramref name="done"/> holds; fails after 30 s instead of trusting a fixed sleep.</summary>
    private async Task<List<Run>> UntilAsync(Func<List<Run>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var runs = await RunsAsync();
            if (done(runs))
                return runs;
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within 30 s ({runs.Count} runs)");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task TwoSchedulers_EveryFireTimeRunsOnce_AndTheSurvivorCarriesOnAfterAKill()
    {
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        var first = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: EverySecond);
        var firstInstance = (await UntilAsync(runs => runs.Count >= 2, "the first host firing"))[0].Instance;
        // The second host joins while the first is firing: the moment where re-declared triggers used to fire twice.
        await using var second = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: EverySecond);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await first.KillAsync();
        var killedAt = DateTime.UtcNow;
        // The survivor takes the schedule over (within the cluster's 3 s check-in threshold here) and keeps it.
        await UntilAsync(runs => runs.Count(r => r.StartedAt > killedAt && r.Instance != firstInstance) >= 3, "the survivor firing three times");
        await second.KillAsync();

        var all = await RunsAsync();
        Assert.Empty(all.GroupBy(r => r.ScheduledFor).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.DoesNotContain(all, r => r.StartedAt > killedAt.AddSeconds(1) && r.Instance == firstInstance);
        Assert.Equal(2, all.Select(r => r.Instance).Distinct().Count());
    }
}
