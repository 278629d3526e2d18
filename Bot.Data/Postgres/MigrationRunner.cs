using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Bot.Conversations.Operations;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Applies the numbered, embedded <c>Migrations/NNNN_name.sql</c> files in order, each in its own
/// transaction, under a session advisory lock so that hosts starting together take turns.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger) : ISchemaMigrations
{
    // Any constant works; it only has to be the same for every host of this product.
    private const long AdvisoryLockKey = 0x5A1E5_B07;

    private const string CreateVersionTableSql = """
        create table if not exists schema_migrations (
            version     integer primary key,
            name        text not null,
            checksum    text not null,
            applied_at  timestamptz not null default now()
        )
        """;

    private const string AppliedSql = "select version, name, checksum from schema_migrations order by version";

    private const string RecordSql = "insert into schema_migrations (version, name, checksum) values (@Version, @Name, @Checksum)";

    public sealed record Migration(int Version, string Name, string Sql, string Checksum);

    private sealed record AppliedMigration(int Version, string Name, string Checksum);

    public static IReadOnlyList<Migration> Embedded { get; } = LoadEmbedded();

    /// <summary>Returns the versions this call applied (empty when the schema was already current).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@Key)", new { Key = AdvisoryLockKey }, cancellationToken: ct));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateVersionTableSql, cancellationToken: ct));
            var applied = (await connection.QueryAsync<AppliedMigration>(new CommandDefinition(AppliedSql, cancellationToken: ct)))
                .ToDictionary(m => m.Version);
            var done = new List<int>();
            foreach (var migration in Embedded)
            {
                if (applied.TryGetValue(migration.Version, out var previous))
                {
                    if (previous.Checksum != migration.Checksum)
                        throw new InvalidOperationException(
                            $"migration {migration.Version:D4}_{migration.Name} was changed after it was applied; add a new migration instead");
                    continue;
                }
                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct, commandTimeout: 300));
                await connection.ExecuteAsync(new CommandDefinition(RecordSql, migration, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version:D4}_{Name}", migration.Version, migration.Name);
                done.Add(migration.Version);
            }
            return done;
        }
        finally
        {
            await connection.ExecuteAsync("select pg_advisory_unlock(@Key)", new { Key = AdvisoryLockKey });
        }
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal)))
        {
            var file = resource["Migrations.".Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(file[..separator], out var version))
                throw new InvalidOperationException($"migration file '{file}.sql' must be named NNNN_name.sql");
            var sql = Read(assembly, resource);
            var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))[..16];
            migrations.Add(new Migration(version, file[(separator + 1)..], sql, checksum));
        }
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"two migrations share version {duplicate.Key}");
        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
