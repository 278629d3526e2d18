using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class DatabaseProbe(NpgsqlDataSource dataSource)
{
    public async Task<bool> IsReachableAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: ct)) == 1;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>True when no customer exists yet: the sandbox then loads the demo company.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return !await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from customers)", cancellationToken: ct));
    }
}
