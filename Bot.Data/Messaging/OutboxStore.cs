using Bot.Conversations.Operations;
using Bot.Conversations.Pipeline;
using Dapper;
using Npgsql;

namespace Bot.Data.Messaging;

/// <summary>
/// Everything the bot says goes through here first. The idempotency key makes a second enqueue of the same
/// message a no-op; dispatchers in any process claim due rows with SKIP LOCKED under a lease.
/// </summary>
public sealed class OutboxStore(NpgsqlDataSource dataSource) : IOutbox, IOutboxAdmin
{
    private const string Columns = """
        id, idempotency_key, channel, recipient, kind, payload::text as payload, status, attempts, next_attempt_at,
        last_error, wecom_msgid, created_at, sent_at, traceparent
        """;

    private const string EnqueueManySql = """
        insert into outbox (idempotency_key, channel, recipient, kind, payload, traceparent)
        select k, c, r, kd, p, @TraceParent from unnest(@Keys, @Channels, @Recipients, @Kinds, @Payloads::jsonb[]) as u(k, c, r, kd, p)
        on conflict (idempotency_key) do nothing
        """;

    // Only a recipient's oldest open message is claimable: two dispatchers each taking one of a member's replies would
    // send them side by side, and the member could read the second before the first.
    private const string ClaimSql = $"""
        update outbox o
        set status = 'sending', attempts = o.attempts + 1, claimed_until = now() + @Lease, claimed_by = @Host
        where o.id in (
            select c.id from outbox c
            where ((c.status = 'pending' and c.next_attempt_at <= now()) or (c.status = 'sending' and c.claimed_until < now()))
              and not exists (select 1 from outbox e where e.recipient = c.recipient and e.id < c.id and e.status in ('pending', 'sending'))
            order by c.next_attempt_at, c.id
            limit @Batch
            for update skip locked)
        returning {Columns}
        """;

    private const string SentSql = """
        update outbox set status = 'sent', sent_at = now(), wecom_msgid = @MsgId, last_error = null, waiting_for = null, claimed_until = null where id = @Id
        """;

    private const string RetrySql = """
        update outbox set status = 'pending', next_attempt_at = now() + @After, last_error = @Error, waiting_for = null, claimed_until = null where id = @Id
        """;

    // A rate-limit wait is not a failed attempt.
    private const string DeferSql = """
        update outbox set status = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = @Until, waiting_for = @Reason, claimed_until = null where id = @Id
        """;

    // The attempt number is the fence: a row whose lease ran out while it waited its turn in a batch, and which another
    // dispatcher claimed meanwhile, is no longer this dispatcher's to send.
    private const string RenewSql = """
        update outbox set claimed_until = now() + @Lease where id = @Id and attempts = @Attempts and status = 'sending'
        """;

    // Claimed by a host that is stopping and never tried: back to the queue without spending an attempt.
    private const string ReturnUnsentSql = """
        update outbox set status = 'pending', attempts = greatest(attempts - 1, 0), claimed_until = null where id = any(@Ids) and status = 'sending'
        """;

    // What this host was sending when it died: due again now, its lease no longer holding up the member's later replies.
    // The attempt stays counted: it may have reached WeCom, and the attempt number is what makes the next try look a
    // greeting up in WeCom before sending it again (and fences any dispatcher still holding the row).
    private const string ReleaseOwnSql = """
        update outbox set status = 'pending', next_attempt_at = now(), claimed_until = null, claimed_by = null, last_error = @Error
        where claimed_by = @Host and status = 'sending'
        """;

    private const string ParkSql = "update outbox set status = 'parked', last_error = @Error, claimed_until = null where id = @Id";

    private const string RequeueSql = """
        update outbox set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
        where id = @Id and status = 'parked'
        """;

    private const string ReleaseWaitingSql = """
        update outbox set next_attempt_at = now(), claimed_until = null where status = 'pending' and next_attempt_at > now()
        """;

    private const string WaitingSql = """
        select coalesce(waiting_for, case when attempts > 0 then '重试中：' || coalesce(last_error, '') else '排队中' end) as why,
               count(*) as count, max(next_attempt_at) as until
        from outbox where status = 'pending' group by 1 order by 2 desc limit 20
        """;

    private const string SummarySql = "select status, count(*) as count, min(created_at) as oldest from outbox group by status order by status";

    private const string RecentSql = $"select {Columns} from outbox where status = any(@Statuses) order by id desc limit @Limit";

    private const string GetSql = $"select {Columns} from outbox where id = @Id";

    public async Task EnqueueAsync(IReadOnlyList<OutgoingMessage> messages, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await EnqueueAsync(connection, null, messages, ct);
    }

    internal static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlyList<OutgoingMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0)
            return;
        // One statement for the whole list: a batch of replies costs one round trip, not one each.
        await connection.ExecuteAsync(new CommandDefinition(EnqueueManySql, new
        {
            Keys = messages.Select(m => m.IdempotencyKey).ToArray(),
            Channels = messages.Select(m => m.Channel).ToArray(),
            Recipients = messages.Select(m => m.Recipient).ToArray(),
            Kinds = messages.Select(m => m.Kind).ToArray(),
            Payloads = messages.Select(m => m.Payload).ToArray(),
            // The span queuing the replies (a message's handling) is continued by the dispatcher that sends them.
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        }, tx, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(int batch, TimeSpan lease, string host, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<OutboxRow>(new CommandDefinition(ClaimSql, new { Batch = batch, Lease = lease, Host = host }, cancellationToken: ct))];
    }

    /// <summary>At start: what this host was sending when it stopped goes back to the queue now; returns how many.</summary>
    public Task<int> ReleaseOwnAsync(string host, CancellationToken ct) =>
        ExecuteAsync(ReleaseOwnSql, new { Host = host, Error = "发送途中主机停止，重启后收回" }, ct);

    public Task MarkSentAsync(long id, string? msgId, CancellationToken ct) => ExecuteAsync(SentSql, new { Id = id, MsgId = msgId }, ct);

    public Task RetryLaterAsync(long id, string lastError, TimeSpan after, CancellationToken ct) =>
        ExecuteAsync(RetrySql, new { Id = id, Error = lastError, After = after }, ct);

    /// <summary>Holds the message until <paramref name="until"/> for <paramref name="reason"/> (not a failed attempt).</summary>
    public Task DeferAsync(long id, DateTimeOffset until, string reason, CancellationToken ct) =>
        ExecuteAsync(DeferSql, new { Id = id, Until = until.ToUniversalTime(), Reason = reason }, ct);

    /// <summary>Messages waiting now, counted by why: a per-minute limit, the care window, a failure being retried.</summary>
    public async Task<IReadOnlyList<(string Why, long Count, DateTime Until)>> WaitingAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string, long, DateTime)>(new CommandDefinition(WaitingSql, cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>
    /// Every waiting message gets looked at again now: the sandbox moved its clock, so "until 08:00" may have passed.
    /// The dispatcher re-checks each one's window and budget and defers again what still has to wait.
    /// </summary>
    public Task<int> ReleaseWaitingAsync(CancellationToken ct) => ExecuteAsync(ReleaseWaitingSql, null, ct);

    /// <summary>Extends the claim just before sending; false when the row has been claimed again since.</summary>
    public async Task<bool> RenewAsync(long id, int attempts, TimeSpan lease, CancellationToken ct) =>
        await ExecuteAsync(RenewSql, new { Id = id, Attempts = attempts, Lease = lease }, ct) == 1;

    public Task ReturnUnsentAsync(long[] ids, CancellationToken ct) => ExecuteAsync(ReturnUnsentSql, new { Ids = ids }, ct);

    public Task ParkAsync(long id, string lastError, CancellationToken ct) => ExecuteAsync(ParkSql, new { Id = id, Error = lastError }, ct);

    /// <summary>Puts a parked message back in the queue; false when there is no parked message with that id.</summary>
    public async Task<bool> RequeueAsync(long id, CancellationToken ct) => await ExecuteAsync(RequeueSql, new { Id = id }, ct) == 1;

    public async Task<IReadOnlyList<OutboxSummary>> SummaryAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<OutboxSummary>(new CommandDefinition(SummarySql, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<OutboxRow>> RecentAsync(string[] statuses, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<OutboxRow>(new CommandDefinition(RecentSql, new { Statuses = statuses, Limit = limit }, cancellationToken: ct))];
    }

    public async Task<OutboxRow?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<OutboxRow>(new CommandDefinition(GetSql, new { Id = id }, cancellationToken: ct));
    }

    private async Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}
