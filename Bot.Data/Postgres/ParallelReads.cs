using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Reads for a report that run side by side, each on a connection of its own outside the message's transaction: a
/// report is several independent aggregates, and waiting for them one after another would add their times up.
/// Outside the transaction on purpose — connections enlisted together would escalate it, and a report needs only
/// committed rows.
/// </summary>
internal static class ParallelReads
{
    public static async Task<T> ReadAsync<T>(this NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task<T>> read, CancellationToken ct)
    {
        using var scope = OwnTransaction.CommittedOnly();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await read(connection);
    }
}
