using System.Text.Json;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Team;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class ReassignmentStore(NpgsqlDataSource dataSource) : IReassignmentStore
{
    private const string MembersSql = "select id, wecom_userid, name, role, manager_id, active from users order by name, id";

    private const string CustomersOfSql = "select id from customers where owner_id = @OwnerId and deleted_at is null order by id";

    // The planned moves whose customer is still with the owner planned.
    private const string Planned = """
        select m.customer_id, m.from_id
        from unnest(@Ids::bigint[], @Froms::bigint[]) as m(customer_id, from_id)
        join customers c on c.id = m.customer_id and c.deleted_at is null and c.owner_id is not distinct from m.from_id
        """;

    // A contact's WeChat account moves when the customer has not removed the rep and the member WeCom has as its
    // follower (the owner when never recorded otherwise) is not the one taking over already.
    private const string Transferable = """
        from contacts t join m on m.customer_id = t.customer_id
        left join users fu on fu.id = m.from_id
        join users tu on tu.id = @To
        where t.wecom_external_userid is not null and t.deleted_at is null and t.wecom_removed_at is null
          and coalesce(t.wecom_follow_user, fu.wecom_userid) <> tu.wecom_userid
        """;

    private const string PreviewSql = $"""
        with m as ({Planned})
        select (select count(*) from m)::int as customers,
               (select count(*) {Transferable})::int as wecom_contacts,
               (select count(*) from reminders r join m on r.customer_id = m.customer_id and r.rep_id = m.from_id where r.status = 'open')::int as reminders,
               (select count(*) from deals d join m on d.customer_id = m.customer_id
                where d.closed_at is null and d.owner_id is not distinct from m.from_id)::int as deals
        """;

    // Locked so that a concurrent reassignment of the same customers waits, then finds them moved.
    private const string LockSql = $"""
        select m.customer_id, m.from_id from ({Planned}) m
        join customers c on c.id = m.customer_id
        order by m.customer_id
        for update of c
        """;

    private const string InsertSql = """
        insert into reassignments (to_user_id, requested_by, source, at, reminders, deals) values (@To, @ActorId, @Source, @At, 0, 0) returning id
        """;

    // The owner's open follow-ups of the customer and the open deals go with it; won and lost deals stay credited to
    // the old owner. updated_at moves past every earlier change so that the name directory reloads the new owner.
    private const string MoveSql = $"""
        with m as (select * from unnest(@Ids::bigint[], @Froms::bigint[]) as m(customer_id, from_id)),
        listed as (
            insert into reassigned_customers (reassignment_id, customer_id, from_user_id) select @Id, customer_id, from_id from m),
        owners as (
            update customers c set owner_id = @To, updated_at = greatest(now(), @At, c.updated_at + interval '1 millisecond')
            from m where c.id = m.customer_id),
        moved_reminders as (
            update reminders r set rep_id = @To from m
            where r.customer_id = m.customer_id and r.rep_id = m.from_id and r.status = 'open' returning r.id),
        moved_deals as (
            update deals d set owner_id = @To, updated_at = @At from m
            where d.customer_id = m.customer_id and d.closed_at is null and d.owner_id is not distinct from m.from_id returning d.id),
        transfers as (
            insert into contact_transfers (reassignment_id, customer_id, contact_id, external_userid, handover_userid, takeover_userid)
            select @Id, t.customer_id, t.id, t.wecom_external_userid, coalesce(t.wecom_follow_user, fu.wecom_userid), tu.wecom_userid
            {Transferable}
            on conflict do nothing
            returning customer_id)
        select (select count(*) from moved_reminders)::int as reminders, (select count(*) from moved_deals)::int as deals,
               coalesce((select array_agg(customer_id) from transfers), array[]::bigint[]) as transfers
        """;

    private const string CountsSql = "update reassignments set reminders = @Reminders, deals = @Deals where id = @Id";

    private const string AuditSql = """
        insert into audit_log (at, actor_id, action, entity, entity_id, detail) values (@At, @ActorId, 'reassign', 'reassignments', @Id, @Detail::jsonb)
        """;

    private const string NamesSql = "select id, coalesce(short_name, legal_name) as name from customers where id = any(@Ids)";

    private sealed record Move(long CustomerId, long? FromId);

    private sealed class MoveCounts
    {
        public int Reminders { get; init; }

        public int Deals { get; init; }

        public long[] Transfers { get; init; } = [];
    }

    private sealed record CustomerName(long Id, string Name);

    public async Task<IReadOnlyList<SalesUser>> ListMembersAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<UserRepository.UserRow>(new CommandDefinition(MembersSql, cancellationToken: ct));
        return [.. rows.Select(r => r.ToUser())];
    }

    public async Task<IReadOnlyList<long>> CustomersOfAsync(long ownerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(CustomersOfSql, new { OwnerId = ownerId }, cancellationToken: ct))];
    }

    public async Task<ReassignmentPreview> PreviewAsync(ReassignmentPlan plan, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<ReassignmentPreview>(new CommandDefinition(PreviewSql, Args(plan.Moves, plan.ToUserId), cancellationToken: ct));
    }

    public async Task<ReassignmentOutcome?> ReassignAsync(ReassignmentRequest request, CancellationToken ct)
    {
        var to = request.Plan.ToUserId;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var moves = (await connection.QueryAsync<Move>(new CommandDefinition(LockSql, Args(request.Plan.Moves, to), tx, cancellationToken: ct))).ToList();
        if (moves.Count == 0)
            return null;
        var at = request.At.ToUniversalTime();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new { To = to, request.ActorId, request.Source, At = at }, tx, cancellationToken: ct));
        var planned = moves.Select(m => new PlannedMove(m.CustomerId, m.FromId)).ToList();
        var args = new DynamicParameters(Args(planned, to));
        args.AddDynamicParams(new { Id = id, At = at });
        var counts = await connection.QuerySingleAsync<MoveCounts>(new CommandDefinition(MoveSql, args, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CountsSql, new { Id = id, counts.Reminders, counts.Deals }, tx, cancellationToken: ct));
        var detail = JsonSerializer.Serialize(new
        {
            by = request.Source, to, reminders = counts.Reminders, deals = counts.Deals, wecom_contacts = counts.Transfers.Length,
            customers = moves.Select(m => new { id = m.CustomerId, from = m.FromId }),
        });
        await connection.ExecuteAsync(new CommandDefinition(AuditSql, new { At = at, request.ActorId, Id = id, Detail = detail }, tx, cancellationToken: ct));
        var names = (await connection.QueryAsync<CustomerName>(new CommandDefinition(NamesSql, new { Ids = moves.Select(m => m.CustomerId).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(n => n.Id, n => n.Name);
        await OwnTransaction.CommitAsync(tx, ct);
        var accounts = counts.Transfers.CountBy(c => c).ToDictionary();
        return new ReassignmentOutcome(id, [.. moves.Select(m => new MovedCustomer(m.CustomerId, names[m.CustomerId], m.FromId, accounts.GetValueOrDefault(m.CustomerId)))],
            counts.Reminders, counts.Deals);
    }

    private static object Args(IReadOnlyList<PlannedMove> moves, long to) =>
        new { Ids = moves.Select(m => m.CustomerId).ToArray(), Froms = moves.Select(m => m.FromUserId).ToArray(), To = to };
}
