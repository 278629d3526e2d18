using Bot.Conversations.Care;
using Bot.Conversations.Pipeline;
using Bot.Data.Messaging;
using Dapper;
using Npgsql;

namespace Bot.Data.Care;

/// <summary>Follows each greeting from the outbox to the customer's phone, and reminds reps who have not confirmed.</summary>
public sealed class CareTracking(NpgsqlDataSource dataSource) : ICareTracking
{
    // The dispatcher records WeCom's msgid on the outbox row; the task picks it up by their shared key. Waiting is
    // counted from when tracking first sees it, on the same clock as the reminders.
    private const string LinkSentSql = """
        update care_tasks t set status = 'awaiting', msgid = o.wecom_msgid, queued_at = @Now
        from outbox o
        where o.idempotency_key = t.idempotency_key and t.status = 'planned' and o.status = 'sent'
        """;

    private const string LinkParkedSql = """
        update care_tasks t set status = 'failed', finished_at = now()
        from outbox o
        where o.idempotency_key = t.idempotency_key and t.status = 'planned' and o.status = 'parked'
        """;

    private const string AwaitingSql = """
        select t.id, t.msgid, u.wecom_userid as rep_user_id, ct.wecom_external_userid as external_user_id, t.occasion,
               t.queued_at, t.reminders_sent::int as reminders_sent, t.last_reminded_at
        from care_tasks t
        join users u on u.id = t.rep_id
        join contacts ct on ct.id = t.contact_id
        where t.status = 'awaiting' and t.msgid is not null
        order by t.id
        """;

    private const string RecordSql = """
        update care_tasks t set send_status = r.status,
            status = case r.status when 0 then 'awaiting' when 1 then 'sent' else 'failed' end,
            finished_at = case when r.status = 0 then null else now() end
        from unnest(@Ids, @Statuses) as r(id, status)
        where t.id = r.id and t.status = 'awaiting'
        """;

    private const string ExpireSql = """
        update care_tasks set status = 'unconfirmed', finished_at = now()
        where status = 'awaiting' and queued_at < @Before
        """;

    private const string RemindedSql = """
        update care_tasks set reminders_sent = reminders_sent + 1, last_reminded_at = @At
        where id = any(@Ids) and status = 'awaiting'
        """;

    /// <summary>Takes msgids (and parked failures) from the outbox onto the tasks.</summary>
    public async Task LinkDispatchedAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(LinkSentSql, new { Now = now.ToUniversalTime() }, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition(LinkParkedSql, cancellationToken: ct, commandTimeout: 300));
    }

    public async Task<IReadOnlyList<AwaitingCare>> AwaitingAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<AwaitingCare>(new CommandDefinition(AwaitingSql, cancellationToken: ct, commandTimeout: 300))];
    }

    public async Task RecordAsync(IReadOnlyList<CareSendResult> results, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RecordSql,
            new { Ids = results.Select(r => r.TaskId).ToArray(), Statuses = results.Select(r => (short)r.SendStatus).ToArray() }, cancellationToken: ct));
    }

    /// <summary>Writes off greetings queued before <paramref name="before"/> that nobody confirmed.</summary>
    public async Task<int> ExpireAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(ExpireSql, new { Before = before.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>Counts one more reminder on the tasks and queues the note about them, atomically.</summary>
    public async Task RemindAsync(IReadOnlyList<long> taskIds, OutgoingMessage note, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Postgres.OwnTransaction.BeginAsync(connection, ct);
        await connection.ExecuteAsync(new CommandDefinition(RemindedSql, new { Ids = taskIds.ToArray(), At = at.ToUniversalTime() }, tx, cancellationToken: ct));
        await OutboxStore.EnqueueAsync(connection, tx, [note], ct);
        await Postgres.OwnTransaction.CommitAsync(tx, ct);
    }
}
