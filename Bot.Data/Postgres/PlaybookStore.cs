using Bot.Conversations.Playbook;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class PlaybookStore(NpgsqlDataSource dataSource) : IPlaybookStore
{
    private const string ListSql = "select category, title, body, coalesce(source, '') as source, stages from playbook_entries order by id";

    private const string UpsertSql = """
        insert into playbook_entries (category, title, body, source, stages)
        select c, t, b, s, coalesce(string_to_array(nullif(st, ''), ','), '{}')
        from unnest(@Categories, @Titles, @Bodies, @Sources, @Stages) as x (c, t, b, s, st)
        on conflict (category, title) do update set body = excluded.body, source = excluded.source, stages = excluded.stages
        returning (xmax = 0) as inserted
        """;

    // A class, not a positional record: Dapper cannot match text[] columns to constructor parameters.
    private sealed class EntryRow
    {
        public string Category { get; init; } = "";

        public string Title { get; init; } = "";

        public string Body { get; init; } = "";

        public string Source { get; init; } = "";

        public string[] Stages { get; init; } = [];
    }

    public async Task<IReadOnlyList<PlaybookEntry>> ListAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(ListSql, cancellationToken: ct));
        return [.. rows.Select(r => new PlaybookEntry(r.Category, r.Title, r.Body, r.Source) { Stages = r.Stages })];
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
            // Stage codes never contain commas; a flat list per row fits through unnest, an array of arrays does not.
            Stages = entries.Select(e => string.Join(",", e.Stages)).ToArray(),
        }, cancellationToken: ct));
        return inserted.Count(i => i);
    }
}
