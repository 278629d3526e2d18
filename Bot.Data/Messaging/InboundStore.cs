using Bot.Conversations.Pipeline;
using Dapper;
using Npgsql;

namespace Bot.Data.Messaging;

/// <summary>
/// The durable inbox. A callback is acknowledged only after its row is committed; the unique message key
/// turns WeCom's re-deliveries into no-ops. Workers in any process claim rows under a lease.
/// </summary>
public sealed class InboundStore(NpgsqlDataSource dataSource, InboundWriter writer) : IInbox
{
    // A row left in 'processing' by a process that died is claimed again once its lease runs out.
    // Only a sender's oldest unfinished message is claimable, so "刚给星辰打了电话" is logged before the
    // "撤销" that follows it, whichever worker or host picks them up.
    private const string ClaimSql = """
        update inbound_messages m
        set status = 'processing', attempts = m.attempts + 1, claimed_until = now() + @Lease, claimed_by = @Host
        where m.id in (
            select c.id from inbound_messages c
            where (c.status = 'pending' or (c.status = 'processing' and c.claimed_until < now()))
              and c.id = (select min(o.id) from inbound_messages o where o.from_user = c.from_user and o.status in ('pending', 'processing'))
            order by c.id
            limit @Batch
            for update skip locked)
        returning m.id, m.channel, m.message_key, m.from_user, m.msg_type, m.payload::text as payload, m.attempts, m.received_at, m.traceparent
        """;

    // The leases this host held when it died: free at once (attempts stay, so a message that kills the host is still parked).
    private const string ReleaseSql = """
        update inbound_messages set claimed_until = now() - interval '1 millisecond'
        where claimed_by = @Host and status = 'processing' and claimed_until > now()
        """;

    // Claimed by a host that is stopping and never started: back to the queue as if never claimed.
    private const string ReturnUnstartedSql = """
        update inbound_messages set status = 'pending', attempts = attempts - 1, claimed_until = null, claimed_by = null
        where id = any(@Ids) and claimed_by = @Host and status = 'processing'
        """;

    // The attempt number is the fence: a worker whose lease ran out and whose message another worker claimed again
    // finds nothing to hold, and changes nothing.
    private const string HoldSql = """
        select 1 from inbound_messages where id = @Id and attempts = @Attempt and status = 'processing' for update
        """;

    private const string CompleteSql = """
        update inbound_messages set status = 'done', processed_at = now(), claimed_until = null, last_error = null where id = @Id
        """;

    private const string FailSql = """
        update inbound_messages
        set status = case when attempts >= @MaxAttempts then 'failed' else 'processing' end,
            claimed_until = now() + @RetryAfter, last_error = @Error
        where id = @Id and status = 'processing'
        """;

    /// <summary>Stores the message unless its key was seen before; returns the new row's id, or null for a repeat.</summary>
    public Task<long?> RecordAsync(string channel, string messageKey, string fromUser, string msgType, string payloadJson, string? traceParent, CancellationToken ct) =>
        writer.WriteAsync(new InboundWriter.Record(channel, messageKey, fromUser, msgType, payloadJson, traceParent)).WaitAsync(ct);

    public async Task<IReadOnlyList<InboundMessage>> ClaimAsync(int batch, TimeSpan lease, string host, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<InboundMessage>(new CommandDefinition(ClaimSql, new { Batch = batch, Lease = lease, Host = host }, cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>At start: the messages this host was processing when it stopped are claimable again now; returns how many.</summary>
    public async Task<int> ReleaseOwnAsync(string host, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { Host = host }, cancellationToken: ct));
    }

    public async Task<int> ReturnUnstartedAsync(long[] ids, string host, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(ReturnUnstartedSql, new { Ids = ids, Host = host }, cancellationToken: ct));
    }

    /// <summary>
    /// Locks the claimed message for the rest of the caller's transaction, so no other worker claims it while it is being
    /// handled (claims skip locked rows); false when this attempt is no longer the message's latest.
    /// </summary>
    public async Task<bool> HoldAsync(long id, int attempt, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(HoldSql, new { Id = id, Attempt = attempt }, cancellationToken: ct)) is not null;
    }

    /// <summary>Queues the replies and marks the message done, in the caller's transaction when there is one.</summary>
    public async Task CompleteAsync(long id, IReadOnlyList<OutgoingMessage> replies, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await Postgres.OwnTransaction.BeginAsync(connection, ct);
        await OutboxStore.EnqueueAsync(connection, tx, replies, ct);
        await connection.ExecuteAsync(new CommandDefinition(CompleteSql, new { Id = id }, tx, cancellationToken: ct));
        await Postgres.OwnTransaction.CommitAsync(tx, ct);
    }

    public async Task FailAsync(long id, string lastError, int maxAttempts, TimeSpan retryAfter, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(FailSql,
            new { Id = id, Error = lastError, MaxAttempts = maxAttempts, RetryAfter = retryAfter }, cancellationToken: ct));
    }
}
