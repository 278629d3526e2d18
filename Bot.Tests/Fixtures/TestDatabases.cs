using Dapper;
using Npgsql;

namespace Bot.Tests.Fixtures;

/// <summary>Creates throwaway databases on the test server; each test class or run gets its own.</summary>
public static class TestDatabases
{
    public static async Task<string> CreateEmptyAsync()
    {
        var name = "bot_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresServer))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"create database {name}");
        }
        return new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresServer) { Database = name }.ConnectionString;
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.PostgresServer);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"drop database if exists {name} with (force)");
    }
}
