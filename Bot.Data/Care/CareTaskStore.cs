using System.Globalization;
using Bot.Conversations.Care;
using Bot.Conversations.Pipeline;
using Bot.Data.Messaging;
using Dapper;
using Npgsql;

namespace Bot.Data.Care;

/// <summary>
/// Writes planned greetings: a care_tasks row and its outbox row under the same idempotency key, in one
/// transaction per chunk, so a run killed midway is finished by the next one and nothing is queued twice.
/// </summary>
public sealed class CareTaskStore(NpgsqlDataSource dataSource) : ICareTasks
{
    private const int Chunk = 5000;
    private const int Writers = 4;

    private const string StatusesSql = "select idempotency_key as key, status from care_tasks where idempotency_key = any(@Keys)";

    // What counts against WeCom's per-customer quota: greetings that went (or may still go) to the customer.
    private const string UsedSql = """
        select contact_id, count(*)::int as used from care_tasks
        where occasion_on between @First and @Last and status in ('planned', 'awaiting', 'sent')
        group by contact_id
        """;

    private const string InsertSql = """
        insert into care_tasks (idempotency_key, contact_id, customer_id, rep_id, occasion, occasion_on, status, finished_at)
        select k, contact, customer, rep, occasion, day::date, status, case when status = 'yielded' then now() end
        from unnest(@Keys, @Contacts, @Customers, @Reps, @Occasions, @Days, @Statuses) as t(k, contact, customer, rep, occasion, day, status)
        on conflict (idempotency_key) do nothing
        """;

    // Greetings of the last two days not yet announced to their rep (above the rep's high-water mark).
    private const string UnannouncedSql = """
        select t.rep_id, u.wecom_userid as rep_user_id, t.occasion, count(*)::int as count, min(t.id) as first_id, max(t.id) as last_id
        from care_tasks t
        join users u on u.id = t.rep_id
        left join care_rep_notes n on n.rep_id = t.rep_id
        where t.created_at > now() - interval '2 days' and t.status <> 'yielded' and t.id > coalesce(n.noted_through, 0)
        group by t.rep_id, u.wecom_userid, t.occasion
        """;

    private const string MarkAnnouncedSql = """
        insert into care_rep_notes (rep_id, noted_through) select * from unnest(@Reps, @Through)
        on conflict (rep_id) do update set noted_through = greatest(care_rep_notes.noted_through, excluded.noted_through)
        """;

    private sealed record StatusRow(string Key, string Status);

    private sealed record UsedRow(long ContactId, int Used);

    private sealed record UnannouncedRow(long RepId, string RepUserId, string Occasion, int Count, long FirstId, long LastId);

    public async Task<IReadOnlyDictionary<string, CareTaskStatus>> StatusesAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StatusRow>(new CommandDefinition(StatusesSql, new { Keys = keys.ToArray() }, cancellationToken: ct, commandTimeout: 120));
        return rows.ToDictionary(r => r.Key, r => Enum.Parse<CareTaskStatus>(r.Status, ignoreCase: true));
    }

    public async Task<IReadOnlyDictionary<long, int>> UsedInPeriodAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UsedRow>(new CommandDefinition(UsedSql, new { First = first, Last = last }, cancellationToken: ct, commandTimeout: 120));
        return rows.ToDictionary(r => r.ContactId, r => r.Used);
    }

    /// <summary>Saves the plans; <paramref name="render"/> turns each greeting (not the yielded ones) into its outbox message.</summary>
    /// <param name="afterChunk">Runs after each committed chunk with its size (progress, and the bench's kill point).</param>
    public Task SaveAsync(IReadOnlyList<PlannedCare> plans, Func<PlannedCare, OutgoingMessage> render, Func<int, Task>? afterChunk, CancellationToken ct) =>
        // Chunks are independent transactions, so a few go at once: PostgreSQL uses more than one core for the fan-out.
        Parallel.ForEachAsync(plans.Chunk(Chunk), new ParallelOptions { MaxDegreeOfParallelism = Writers, CancellationToken = ct }, async (chunk, token) =>
        {
            await SaveChunkAsync(chunk, render, token);
            if (afterChunk is not null)
                await afterChunk(chunk.Length);
        });

    private async Task SaveChunkAsync(PlannedCare[] chunk, Func<PlannedCare, OutgoingMessage> render, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Postgres.OwnTransaction.BeginAsync(connection, ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Keys = chunk.Select(p => p.Key).ToArray(),
            Contacts = chunk.Select(p => p.Candidate.ContactId).ToArray(),
            Customers = chunk.Select(p => p.Candidate.CustomerId).ToArray(),
            Reps = chunk.Select(p => p.Candidate.RepId).ToArray(),
            Occasions = chunk.Select(p => p.Occasion.Key()).ToArray(),
            Days = chunk.Select(p => p.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToArray(),
            Statuses = chunk.Select(p => p.Yielded ? "yielded" : "planned").ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 120));
        await OutboxStore.EnqueueAsync(connection, tx, [.. chunk.Where(p => !p.Yielded).Select(render)], ct);
        await Postgres.OwnTransaction.CommitAsync(tx, ct);
    }

    /// <summary>
    /// Queues <paramref name="render"/>'s note for each rep with greetings not yet announced and raises the reps'
    /// high-water marks in the same transaction: a crash leaves either both or neither.
    /// </summary>
    public async Task<IReadOnlyList<CareNoteDue>> AnnounceAsync(Func<CareNoteDue, OutgoingMessage> render, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Postgres.OwnTransaction.BeginAsync(connection, ct);
        // One announcer at a time, so two runs cannot both read the same marks.
        await connection.ExecuteAsync(new CommandDefinition("lock table care_rep_notes in exclusive mode", transaction: tx, cancellationToken: ct));
        var rows = await connection.QueryAsync<UnannouncedRow>(new CommandDefinition(UnannouncedSql, transaction: tx, cancellationToken: ct, commandTimeout: 120));
        var reps = rows.GroupBy(r => (r.RepId, r.RepUserId)).ToList();
        var notes = reps.Select(g => new CareNoteDue(g.Key.RepId, g.Key.RepUserId, g.Min(r => r.FirstId),
            g.ToDictionary(r => CareOccasions.FromKey(r.Occasion), r => r.Count))).ToList();
        await OutboxStore.EnqueueAsync(connection, tx, [.. notes.Select(render)], ct);
        await connection.ExecuteAsync(new CommandDefinition(MarkAnnouncedSql,
            new { Reps = reps.Select(g => g.Key.RepId).ToArray(), Through = reps.Select(g => g.Max(r => r.LastId)).ToArray() }, tx, cancellationToken: ct));
        await Postgres.OwnTransaction.CommitAsync(tx, ct);
        return notes;
    }
}
