using Bot.Conversations.Reassignment;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class ContactTransferStore(NpgsqlDataSource dataSource) : IContactTransferStore
{
    private const string Open = "('pending', 'requesting', 'waiting')";

    // Whether the member handing over has left decides the endpoint; a member the bot does not know is taken as serving.
    private const string ClaimSql = """
        with claimed as (
            select id from contact_transfers
            where state = 'pending' and (@ReassignmentId::bigint is null or reassignment_id = @ReassignmentId)
            order by id limit @Limit
            for update skip locked)
        update contact_transfers t set state = 'requesting', requested_at = @Now, attempts = t.attempts + 1,
            resigned = not coalesce((select u.active from users u where u.wecom_userid = t.handover_userid), true)
        from claimed where t.id = claimed.id
        returning t.id, t.external_userid, t.handover_userid, t.takeover_userid, t.resigned,
            coalesce((select u.name from users u where u.wecom_userid = t.takeover_userid), t.takeover_userid) as takeover_name
        """;

    // WeCom takes over automatically 24 hours after a transfer starts, unless the customer refuses.
    private const string StartedSql = """
        update contact_transfers t set errcode = a.errcode, checked_at = @Now,
            state = case when a.errcode = 0 then 'waiting' else 'failed' end,
            status = case when a.errcode = 0 then 2 end,
            takeover_time = case when a.errcode = 0 then t.requested_at + interval '24 hours' end
        from unnest(@Ids::bigint[], @Codes::int[]) as a(id, errcode)
        where t.id = a.id and t.state = 'requesting'
        """;

    private const string DueSql = """
        select distinct handover_userid, takeover_userid, resigned from contact_transfers
        where (state = 'waiting' and (checked_at < @CheckedBefore or (takeover_time <= @Now and checked_at < takeover_time)))
           or (state = 'requesting' and requested_at < @RequestedBefore)
        """;

    // A request with no answer the channel has no record of was never made: queued again. A taken-over account is now
    // the taker's on WeCom; a refused or stopped one is still the old rep's, which the contact records (the flag).
    private const string StatesSql = """
        with answer as (
            select * from unnest(@Accounts::text[], @Statuses::int[], @Times::timestamptz[]) as a(external_userid, status, takeover_time)),
        listed as (
            select t.id, a.status, a.takeover_time from contact_transfers t
            left join answer a on a.external_userid = t.external_userid
            where t.handover_userid = @Handover and t.takeover_userid = @Takeover and t.resigned = @Resigned
              and (t.state = 'waiting' or (t.state = 'requesting' and t.requested_at < @RequestedBefore))
            for update of t),
        settled as (
            update contact_transfers t set checked_at = @Now,
                status = coalesce(o.status, t.status),
                errcode = case when o.status between 1 and 4 then coalesce(t.errcode, 0) else t.errcode end,
                takeover_time = case when o.status in (1, 2) then o.takeover_time else t.takeover_time end,
                state = case
                    when o.status = 1 then 'taken_over'
                    when o.status = 2 then 'waiting'
                    when o.status = 3 then 'refused'
                    when o.status = 4 then 'limit'
                    when t.state = 'requesting' and t.attempts >= @MaxAttempts then 'failed'
                    when t.state = 'requesting' then 'pending'
                    when o.status = 5 then 'failed'
                    else t.state end
            from listed o where t.id = o.id
            returning t.state, t.contact_id, t.handover_userid, t.takeover_userid)
        update contacts c set wecom_follow_user = case s.state when 'taken_over' then s.takeover_userid else s.handover_userid end
        from settled s where c.id = s.contact_id and s.state in ('taken_over', 'refused', 'limit')
        """;

    // What both reps are told about a transfer that ended with the account at the old rep, from the rows in "ended".
    private const string FailedFromEnded = """
        select t.id, t.status::int as status, coalesce(c.short_name, c.legal_name, '') as customer_name, coalesce(k.name, '') as contact_name,
            t.handover_userid, coalesce(hu.name, t.handover_userid) as handover_name, coalesce(hu.active, false) as handover_active,
            t.takeover_userid, coalesce(tu.name, t.takeover_userid) as takeover_name, coalesce(tu.active, false) as takeover_active
        from ended t
        left join contacts k on k.id = t.contact_id left join customers c on c.id = t.customer_id
        left join users hu on hu.wecom_userid = t.handover_userid left join users tu on tu.wecom_userid = t.takeover_userid
        """;

    private const string FailSql = $"""
        with ended as (
            update contact_transfers t set state = @State, status = @Status, fail_reason = @Reason, checked_at = @Now, takeover_time = null
            where t.id = (select id from contact_transfers where external_userid = @Account and takeover_userid = @Takeover and state in ('requesting', 'waiting')
                          order by id desc limit 1)
              and t.state in ('requesting', 'waiting')
            returning t.*),
        flagged as (update contacts k set wecom_follow_user = e.handover_userid from ended e where k.id = e.contact_id)
        {FailedFromEnded}
        """;

    private const string UntoldSql = $"""
        with ended as (select * from contact_transfers where state in ('refused', 'limit') and notified_at is null)
        {FailedFromEnded}
        order by t.id
        """;

    private const string ToldSql = "update contact_transfers set notified_at = @Now where id = any(@Ids) and notified_at is null";

    private const string ListSql = $"""
        select t.id, t.reassignment_id, r.at as reassigned_at, coalesce(c.short_name, c.legal_name, '') as customer_name, coalesce(k.name, '') as contact_name,
            t.external_userid, t.handover_userid, coalesce(hu.name, t.handover_userid) as handover_name,
            t.takeover_userid, coalesce(tu.name, t.takeover_userid) as takeover_name, t.resigned, t.state, t.errcode, t.status::int as status,
            t.requested_at, t.takeover_time, t.checked_at
        from contact_transfers t join reassignments r on r.id = t.reassignment_id
        left join contacts k on k.id = t.contact_id left join customers c on c.id = t.customer_id
        left join users hu on hu.wecom_userid = t.handover_userid left join users tu on tu.wecom_userid = t.takeover_userid
        where r.at >= @Since or t.state in {Open}
        order by r.at desc, t.reassignment_id desc, t.id
        """;

    private sealed record ClaimedRow(long Id, string ExternalUserid, string HandoverUserid, string TakeoverUserid, bool Resigned, string TakeoverName);

    private sealed record FailedRow(
        long Id, int Status, string CustomerName, string ContactName, string HandoverUserid, string HandoverName, bool HandoverActive,
        string TakeoverUserid, string TakeoverName, bool TakeoverActive)
    {
        public FailedTransfer ToFailed() =>
            new(Id, (TransferStatus)Status, CustomerName, ContactName, HandoverUserid, HandoverName, HandoverActive, TakeoverUserid, TakeoverName, TakeoverActive);
    }

    private sealed class ListedRow
    {
        public long Id { get; init; }

        public long ReassignmentId { get; init; }

        public DateTime ReassignedAt { get; init; }

        public string CustomerName { get; init; } = "";

        public string ContactName { get; init; } = "";

        public string ExternalUserid { get; init; } = "";

        public string HandoverUserid { get; init; } = "";

        public string HandoverName { get; init; } = "";

        public string TakeoverUserid { get; init; } = "";

        public string TakeoverName { get; init; } = "";

        public bool? Resigned { get; init; }

        public string State { get; init; } = "";

        public int? Errcode { get; init; }

        public int? Status { get; init; }

        public DateTime? RequestedAt { get; init; }

        public DateTime? TakeoverTime { get; init; }

        public DateTime? CheckedAt { get; init; }

        public TransferRecord ToRecord() => new(
            Id, ReassignmentId, Utc(ReassignedAt), CustomerName, ContactName, ExternalUserid, HandoverUserid, HandoverName, TakeoverUserid, TakeoverName,
            Resigned, State, Errcode, Status, RequestedAt is { } r ? Utc(r) : null, TakeoverTime is { } t ? Utc(t) : null, CheckedAt is { } c ? Utc(c) : null);

        private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
    }

    public async Task<IReadOnlyList<PendingTransfer>> ClaimAsync(long? reassignmentId, DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ClaimedRow>(new CommandDefinition(ClaimSql,
            new { ReassignmentId = reassignmentId, Now = now.ToUniversalTime(), Limit = limit }, cancellationToken: ct));
        return [.. rows.OrderBy(r => r.Id).Select(r => new PendingTransfer(r.Id, r.ExternalUserid, new TransferPair(r.HandoverUserid, r.TakeoverUserid, r.Resigned), r.TakeoverName))];
    }

    public async Task RecordStartedAsync(IReadOnlyList<(long Id, int ErrCode)> answers, DateTimeOffset now, CancellationToken ct)
    {
        if (answers.Count == 0)
            return;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(StartedSql,
            new { Ids = answers.Select(a => a.Id).ToArray(), Codes = answers.Select(a => a.ErrCode).ToArray(), Now = now.ToUniversalTime() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<TransferPair>> DueForCheckAsync(DateTimeOffset now, DateTimeOffset checkedBefore, DateTimeOffset requestedBefore, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Handover, string Takeover, bool Resigned)>(new CommandDefinition(DueSql,
            new { Now = now.ToUniversalTime(), CheckedBefore = checkedBefore.ToUniversalTime(), RequestedBefore = requestedBefore.ToUniversalTime() }, cancellationToken: ct));
        return [.. rows.Select(r => new TransferPair(r.Handover, r.Takeover, r.Resigned))];
    }

    public async Task RecordStatesAsync(
        TransferPair pair, IReadOnlyList<TransferState> states, DateTimeOffset now, DateTimeOffset requestedBefore, int maxAttempts, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(StatesSql, new
        {
            Accounts = states.Select(s => s.ExternalUserId).ToArray(),
            Statuses = states.Select(s => (int)s.Status).ToArray(),
            Times = states.Select(s => s.TakeoverTime?.ToUniversalTime()).ToArray(),
            Handover = pair.HandoverUserId, Takeover = pair.TakeoverUserId, pair.Resigned,
            Now = now.ToUniversalTime(), RequestedBefore = requestedBefore.ToUniversalTime(), MaxAttempts = maxAttempts,
        }, cancellationToken: ct));
    }

    public async Task<FailedTransfer?> FailAsync(string takeoverUserId, string externalUserId, TransferStatus status, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FailedRow>(new CommandDefinition(FailSql, new
        {
            Takeover = takeoverUserId, Account = externalUserId, State = status == TransferStatus.TakerAtLimit ? "limit" : "refused", Status = (short)status,
            Reason = reason, Now = now.ToUniversalTime(),
        }, cancellationToken: ct));
        return row?.ToFailed();
    }

    public async Task<IReadOnlyList<FailedTransfer>> UntoldFailuresAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FailedRow>(new CommandDefinition(UntoldSql, cancellationToken: ct));
        return [.. rows.Select(r => r.ToFailed())];
    }

    public async Task MarkToldAsync(IReadOnlyList<long> ids, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ToldSql, new { Ids = ids.ToArray(), Now = now.ToUniversalTime() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<TransferRecord>> ListAsync(DateTimeOffset since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ListedRow>(new CommandDefinition(ListSql, new { Since = since.ToUniversalTime() }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToRecord())];
    }
}
