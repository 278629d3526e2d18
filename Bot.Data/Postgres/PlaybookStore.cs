using Bot.Conversations.Playbook;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class PlaybookStore(NpgsqlDataSource dataSource) : IPlaybookStore
{
    private const string ListSql = "select category, title, body, coalesce(source, '') as source from playbook_entries order by id";

    private const string UpsertSql = """
        insert into playbook_entries (category, title, body, source)
        select * from unnest(@Categories, @Titles, @Bodies, @Sources)
        on conflict (category, title) do update set body = excluded.body, source = excluded.source
        returning (xmax = 0) as inserted
        """;

    public async Task<IReadOnlyList<PlaybookEntry>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<PlaybookEntry>(new CommandDefinition(ListSql, cancellationToken: ct))];
    }

    public async Task<int> SaveAsync(IReadOnlyList<PlaybookEntry> entries, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var inserted = await connection.QueryAsync<bool>(new CommandDefinition(UpsertSql, new
        {
            Categories = entries.Select(e => e.Category).ToArray(),
            Titles = entries.Select(e => e.Title).ToArray(),
            Bodies = entries.Select(e => e.Body).ToArray(),
            Sources = entries.Select(e => e.Source).ToArray(),
        }, cancellationToken: ct));
        return inserted.Count(i => i);
    }
}
