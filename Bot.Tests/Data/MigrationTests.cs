using Bot.Data.Postgres;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

public sealed class MigrationTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    private MigrationRunner Runner(out IDisposable scope)
    {
        var services = BotServices.Create(_connectionString, TestEnvironment.NewRedisPrefix());
        scope = services;
        return (MigrationRunner)services.GetService(typeof(MigrationRunner))!;
    }

    [Fact]
    public async Task Migrate_EmptyDatabase_CreatesEveryTableAndRecordsVersions()
    {
        var runner = Runner(out var scope);
        using (scope)
        {
            var applied = await runner.MigrateAsync(CancellationToken.None);

            Assert.Equal(MigrationRunner.Embedded.Select(m => m.Version), applied);
            await using var connection = new NpgsqlConnection(_connectionString);
            var tables = (await connection.QueryAsync<string>(
                "select table_name from information_schema.tables where table_schema = 'public'")).ToHashSet();
            string[] expected =
            [
                "users", "customers", "contacts", "interactions", "stage_history", "orders", "reminders",
                "inbound_messages", "outbox", "playbook_entries", "audit_log", "schema_migrations",
            ];
            Assert.All(expected, t => Assert.Contains(t, tables));
            Assert.Equal(MigrationRunner.Embedded.Count, await connection.ExecuteScalarAsync<int>("select count(*) from schema_migrations"));
        }
    }

    [Fact]
    public async Task Migrate_SecondRun_AppliesNothing()
    {
        var runner = Runner(out var scope);
        using (scope)
        {
            await runner.MigrateAsync(CancellationToken.None);
            Assert.Empty(await runner.MigrateAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Migrate_AppliedFileChangedAfterwards_Refuses()
    {
        var runner = Runner(out var scope);
        using (scope)
        {
            await runner.MigrateAsync(CancellationToken.None);
            await using (var connection = new NpgsqlConnection(_connectionString))
                await connection.ExecuteAsync("update schema_migrations set checksum = 'edited' where version = 1");

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.MigrateAsync(CancellationToken.None));
            Assert.Contains("changed after it was applied", error.Message);
        }
    }

    [Fact]
    public async Task Migrate_TwoProcessesAtOnce_ApplyEachVersionOnce()
    {
        var prefix = TestEnvironment.NewRedisPrefix();
        var first = BotProcess.RunAsync(_connectionString, prefix, "migrate");
        var second = BotProcess.RunAsync(_connectionString, prefix, "migrate");
        var results = await Task.WhenAll(first, second);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Error));
        // One process applied the schema, the other waited on the advisory lock and found it current.
        Assert.Single(results, r => r.Output.Contains("已应用迁移"));
        Assert.Single(results, r => r.Output.Contains("已是最新"));
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal(MigrationRunner.Embedded.Count, await connection.ExecuteScalarAsync<int>("select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task Cluster_CreatedWithUtf8Locale_ExtractsTrigramsFromChinese()
    {
        var runner = Runner(out var scope);
        using (scope)
        {
            await runner.MigrateAsync(CancellationToken.None);
            await using var connection = new NpgsqlConnection(_connectionString);
            // Under the C locale pg_trgm yields no trigrams for Chinese, and fuzzy customer search silently fails.
            Assert.Equal("UTF8", await connection.ExecuteScalarAsync<string>("show server_encoding"));
            Assert.NotEmpty(await connection.ExecuteScalarAsync<string[]>("select show_trgm('星辰网络科技')") ?? []);
        }
    }
}
