using Dapper;
using Npgsql;

namespace Bot.Tests.Fixtures;

/// <summary>Creates throwaway databases on the test server; each test class or run gets its own.</summary>
public static class TestDatabases
{
    /// <param name="locale">A locale other than the cluster's (e.g. C), for tests of what depends on it.</param>
    public static async Task<string> CreateEmptyAsync(string? locale = null)
    {
        var name = "bot_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresServer))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync(locale is null ? $"create database {name}" : $"create database {name} template template0 encoding 'UTF8' locale '{locale}'");
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
