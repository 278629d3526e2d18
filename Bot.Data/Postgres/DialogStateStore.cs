using Bot.Conversations.Dialogs;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Dialog state in PostgreSQL: inside an inbound message's transaction, so a message whose records roll back leaves
/// no pending question or undo entry behind, and one that commits leaves exactly its own.
/// </summary>
public sealed class DialogStateStore(NpgsqlDataSource dataSource, TimeProvider clock) : IDialogStateStore
{
    private const string GetSql = "select state from dialog_states where user_id = @UserId and expires_at > @Now";

    // Expired states of others are swept a few at a time, skipping any a running message holds.
    private const string SetSql = """
        with swept as (
            delete from dialog_states where user_id in (
                select user_id from dialog_states where expires_at < @Now - interval '1 day' limit 20 for update skip locked))
        insert into dialog_states (user_id, state, expires_at) values (@UserId, @State, @ExpiresAt)
        on conflict (user_id) do update set state = excluded.state, expires_at = excluded.expires_at
        """;

    private const string RemoveSql = "delete from dialog_states where user_id = @UserId";

    public async Task<string?> GetAsync(string userId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(GetSql, new { UserId = userId, Now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public async Task SetAsync(string userId, string state, TimeSpan timeToLive, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetSql, new { UserId = userId, State = state, Now = now, ExpiresAt = now + timeToLive }, cancellationToken: ct));
    }

    public async Task RemoveAsync(string userId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RemoveSql, new { UserId = userId }, cancellationToken: ct));
    }
}
