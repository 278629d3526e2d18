using System.Globalization;
using Bot.Conversations.Care;
using Bot.Data.Messaging;
using Dapper;
using Npgsql;

namespace Bot.Data.Care;

/// <summary>Rep awaiting a note about greetings queued for them: how many of each occasion.</summary>
public sealed record CareNoteDue(long RepId, string RepUserId, long FirstTaskId, IReadOnlyDictionary<CareOccasion, int> Counts);

/// <summary>
/// Writes planned greetings: a care_tasks row and its outbox row under the same idempotency key, in one
/// transaction per chunk, so a run killed midway is finished by the next one and nothing is queued twice.
/// </summary>
public sealed class CareTaskStore(NpgsqlDataSource dataSource)
{
    private const int Chunk = 5000;

    private const string ExistingSql = "select idempotency_key from care_tasks where idempotency_key = any(@Keys)";

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

    private const string TakeUnnotedSql = """
        update care_tasks t set noted_at = now()
        from users u
        where u.id = t.rep_id and t.noted_at is null and t.status <> 'yielded'
        returning t.id, t.rep_id, t.occasion, u.wecom_userid as rep_user_id
        """;

    private sealed record UsedRow(long ContactId, int Used);

    private sealed record UnnotedRow(long Id, long RepId, string Occasion, string RepUserId);

    public async Task<IReadOnlySet<string>> ExistingKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(ExistingSql, new { Keys = keys.ToArray() }, cancellationToken: ct, commandTimeout: 120))).ToHashSet();
    }

    public async Task<IReadOnlyDictionary<long, int>> UsedInPeriodAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UsedRow>(new CommandDefinition(UsedSql, new { First = first, Last = last }, cancellationToken: ct, commandTimeout: 120));
        return rows.ToDictionary(r => r.ContactId, r => r.Used);
    }

    /// <summary>Saves the plans; <paramref name="render"/> turns each greeting (not the yielded ones) into its outbox message.</summary>
    /// <param name="afterChunk">Runs after each committed chunk with its size (progress, and the bench's kill point).</param>
    public async Task SaveAsync(IReadOnlyList<PlannedCare> plans, Func<PlannedCare, OutgoingMessage> render, Func<int, Task>? afterChunk, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        foreach (var chunk in plans.Chunk(Chunk))
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
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
            await tx.CommitAsync(ct);
            if (afterChunk is not null)
                await afterChunk(chunk.Length);
        }
    }

    /// <summary>
    /// Marks every greeting not yet announced as announced and, in the same transaction, queues the notes
    /// <paramref name="render"/> makes of them: a crash leaves either both or neither.
    /// </summary>
    public async Task<IReadOnlyList<CareNoteDue>> AnnounceAsync(Func<CareNoteDue, OutgoingMessage> render, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = await connection.QueryAsync<UnnotedRow>(new CommandDefinition(TakeUnnotedSql, transaction: tx, cancellationToken: ct, commandTimeout: 120));
        var notes = rows.GroupBy(r => (r.RepId, r.RepUserId))
            .Select(g => new CareNoteDue(g.Key.RepId, g.Key.RepUserId, g.Min(r => r.Id),
                g.GroupBy(r => CareOccasions.FromKey(r.Occasion)).ToDictionary(o => o.Key, o => o.Count())))
            .ToList();
        await OutboxStore.EnqueueAsync(connection, tx, [.. notes.Select(render)], ct);
        await tx.CommitAsync(ct);
        return notes;
    }
}
