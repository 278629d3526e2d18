using System.Text.Json;
using Bot.Conversations.Merging;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Undoing a merge: the rows its audit entry lists go back to the merged customer, and each value it changed is put back
/// unless something changed it since (then the later change stands). Rows added to the survivor after the merge stay.
/// </summary>
public sealed partial class CustomerMerges
{
    private const string DetailSql = "select detail::text from audit_log where id = @AuditId and action = 'merge'";

    private const string UndoRecordSql = """
        select survivor_id, merged_id, before::text, after::text, undone_at is not null as undone
        from customer_merges where audit_id = @AuditId for update
        """;

    private const string LaterSql = """
        select audit_id from customer_merges
        where audit_id > @AuditId and undone_at is null and (survivor_id = any(@Ids) or merged_id = any(@Ids))
        order by audit_id desc limit 1
        """;

    private const string StillMergedSql = """
        select count(*) = 2 from customers
        where (id = @Into and deleted_at is null) or (id = @From and merged_into = @Into and erased_at is null)
        """;

    // Each value goes back only where it still is what the merge made it.
    private const string RestoreCustomersSql = """
        update customers c set
            aliases = case when c.aliases is not distinct from a.aliases then b.aliases else c.aliases end,
            stage = case when c.stage is not distinct from a.stage then b.stage else c.stage end,
            stage_changed_at = case when c.stage_changed_at is not distinct from a.stage_changed_at then b.stage_changed_at else c.stage_changed_at end,
            owner_id = case when c.owner_id is not distinct from a.owner_id then b.owner_id else c.owner_id end,
            industry = case when c.industry is not distinct from a.industry then b.industry else c.industry end,
            size = case when c.size is not distinct from a.size then b.size else c.size end,
            region = case when c.region is not distinct from a.region then b.region else c.region end,
            baseline_annual_amount = case when c.baseline_annual_amount is not distinct from a.baseline_annual_amount then b.baseline_annual_amount else c.baseline_annual_amount end,
            baseline_last_order_on = case when c.baseline_last_order_on is not distinct from a.baseline_last_order_on then b.baseline_last_order_on else c.baseline_last_order_on end,
            baseline_order_count = case when c.baseline_order_count is not distinct from a.baseline_order_count then b.baseline_order_count else c.baseline_order_count end,
            strategic = case when c.strategic is not distinct from a.strategic then b.strategic else c.strategic end,
            care_opted_out_at = case when c.care_opted_out_at is not distinct from a.care_opted_out_at then b.care_opted_out_at else c.care_opted_out_at end,
            care_opt_out_source = case when c.care_opt_out_source is not distinct from a.care_opt_out_source then b.care_opt_out_source else c.care_opt_out_source end,
            merged_into = b.merged_into,
            deleted_at = b.deleted_at,
            updated_at = @At
        from jsonb_populate_recordset(null::customers, @Before::jsonb -> 'customers') b
        join jsonb_populate_recordset(null::customers, @After::jsonb -> 'customers') a on a.id = b.id
        where c.id = b.id
        """;

    // One side at a time: the survivor's contacts first, so a WeCom id the kept contact took over is free again
    // before the duplicate gets it back.
    private const string RestoreContactsSql = """
        update contacts t set
            customer_id = case when t.customer_id is not distinct from a.customer_id then b.customer_id else t.customer_id end,
            name = case when t.name is not distinct from a.name then b.name else t.name end,
            title = case when t.title is not distinct from a.title then b.title else t.title end,
            phone = case when t.phone is not distinct from a.phone then b.phone else t.phone end,
            decision_role = case when t.decision_role is not distinct from a.decision_role then b.decision_role else t.decision_role end,
            wecom_external_userid = case when t.wecom_external_userid is not distinct from a.wecom_external_userid then b.wecom_external_userid else t.wecom_external_userid end,
            wecom_follow_user = case when t.wecom_follow_user is not distinct from a.wecom_follow_user then b.wecom_follow_user else t.wecom_follow_user end,
            wecom_removed_at = case when t.wecom_removed_at is not distinct from a.wecom_removed_at then b.wecom_removed_at else t.wecom_removed_at end,
            birth_month = case when t.birth_month is not distinct from a.birth_month then b.birth_month else t.birth_month end,
            birth_day = case when t.birth_day is not distinct from a.birth_day then b.birth_day else t.birth_day end,
            birth_year = case when t.birth_year is not distinct from a.birth_year then b.birth_year else t.birth_year end,
            birthday_lunar = case when t.birthday_lunar is not distinct from a.birthday_lunar then b.birthday_lunar else t.birthday_lunar end,
            care_consent_at = case when t.care_consent_at is not distinct from a.care_consent_at then b.care_consent_at else t.care_consent_at end,
            care_consent_source = case when t.care_consent_source is not distinct from a.care_consent_source then b.care_consent_source else t.care_consent_source end,
            care_opted_out_at = case when t.care_opted_out_at is not distinct from a.care_opted_out_at then b.care_opted_out_at else t.care_opted_out_at end,
            care_opt_out_source = case when t.care_opt_out_source is not distinct from a.care_opt_out_source then b.care_opt_out_source else t.care_opt_out_source end,
            deleted_at = case when t.deleted_at is not distinct from a.deleted_at then b.deleted_at else t.deleted_at end,
            updated_at = @At
        from jsonb_populate_recordset(null::contacts, @Before::jsonb -> 'contacts') b
        join jsonb_populate_recordset(null::contacts, @After::jsonb -> 'contacts') a on a.id = b.id
        where t.id = b.id and (b.customer_id = @Into) = @SurvivorSide
        """;

    private const string MoveBackSql = """
        with i as (update interactions set customer_id = @From where id = any(@Interactions) and customer_id = @Into),
        h as (update stage_history set customer_id = @From where id = any(@StageHistory) and customer_id = @Into),
        o as (update orders set customer_id = @From where id = any(@Orders) and customer_id = @Into),
        r as (update reminders set customer_id = @From where id = any(@Reminders) and customer_id = @Into),
        th as (update tier_history set customer_id = @From where id = any(@TierHistory) and customer_id = @Into),
        k as (update care_tasks set customer_id = @From where id = any(@CareTasks) and customer_id = @Into),
        d as (update deals set customer_id = @From, updated_at = @At where id = any(@Deals) and customer_id = @Into),
        rc as (update reassigned_customers set customer_id = @From where id = any(@ReassignedCustomers) and customer_id = @Into),
        ct as (update contact_transfers set customer_id = @From where id = any(@ContactTransfers) and customer_id = @Into),
        gc as (update care_greeting_changes set customer_id = @From where idempotency_key = any(@GreetingChanges) and customer_id = @Into)
        update customers set merged_into = @From where id = any(@MergedCustomers) and merged_into = @Into
        """;

    private const string RelinkBackSql = """
        update interactions x set contact_id = p.contact_id from unnest(@InteractionIds, @InteractionContacts) as p (id, contact_id) where x.id = p.id;
        update care_tasks x set contact_id = p.contact_id from unnest(@CareTaskIds, @CareTaskContacts) as p (id, contact_id) where x.id = p.id
        """;

    private const string OwnerBackSql = """
        update reminders set rep_id = @From where id = any(@Reminders) and rep_id = @To;
        update deals set owner_id = @From, updated_at = @At where id = any(@Deals) and owner_id = @To
        """;

    private const string ChurnFindingBackSql = """
        insert into churn_findings select * from jsonb_populate_record(null::churn_findings, @Before::jsonb -> 'churn_finding')
        where @Before::jsonb -> 'churn_finding' <> 'null'::jsonb
        on conflict (customer_id) do nothing
        """;

    private const string UndoneSql = """
        update customer_merges set undone_at = @At where audit_id = @AuditId;
        insert into audit_log (at, actor_id, action, entity, entity_id, detail)
        values (@At, @ActorId, 'merge_undone', 'customers', @From, jsonb_build_object('by', @Actor, 'merge', @AuditId))
        """;

    private sealed record UndoRecordRow(long SurvivorId, long MergedId, string Before, string After, bool Undone);

    public async Task<MergeUndoOutcome> UndoAsync(long auditId, long? actorId, string actor, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(DetailSql, new { AuditId = auditId }, tx, cancellationToken: ct));
        if (json is null)
            return new MergeUndoOutcome.Refused(MergeUndoRefusal.NotFound);
        var record = await connection.QuerySingleOrDefaultAsync<UndoRecordRow>(new CommandDefinition(UndoRecordSql, new { AuditId = auditId }, tx, cancellationToken: ct));
        if (record is null)
            return new MergeUndoOutcome.Refused(MergeUndoRefusal.Deleted);
        if (record.Undone)
            return new MergeUndoOutcome.Refused(MergeUndoRefusal.AlreadyUndone);
        var (into, from) = (record.SurvivorId, record.MergedId);
        if (await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LaterSql, new { AuditId = auditId, Ids = new[] { into, from } }, tx, cancellationToken: ct)) is { } later)
            return new MergeUndoOutcome.Refused(MergeUndoRefusal.LaterMerge, later);
        await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Ids = new[] { into, from } }, tx, cancellationToken: ct));
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(StillMergedSql, new { Into = into, From = from }, tx, cancellationToken: ct)))
            return new MergeUndoOutcome.Refused(MergeUndoRefusal.Deleted);

        var detail = JsonSerializer.Deserialize<MergeDetail>(json, DetailJson)!;
        var at = clock.GetUtcNow().ToUniversalTime();
        var images = new { record.Before, record.After, Into = into, At = at };
        await connection.ExecuteAsync(new CommandDefinition(RestoreCustomersSql, images, tx, cancellationToken: ct));
        var moved = detail.Moved;
        await connection.ExecuteAsync(new CommandDefinition(MoveBackSql, new
        {
            Into = into, From = from, At = at, moved.Interactions, moved.StageHistory, moved.Orders, moved.Reminders, moved.TierHistory,
            moved.CareTasks, moved.Deals, moved.MergedCustomers, moved.ReassignedCustomers, moved.ContactTransfers, moved.GreetingChanges,
        }, tx, cancellationToken: ct));
        foreach (var survivorSide in new[] { true, false })
            await connection.ExecuteAsync(new CommandDefinition(RestoreContactsSql, new { record.Before, record.After, Into = into, At = at, SurvivorSide = survivorSide }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(RelinkBackSql, new
        {
            InteractionIds = detail.InteractionsRelinked.Select(p => p[0]).ToArray(), InteractionContacts = detail.InteractionsRelinked.Select(p => p[1]).ToArray(),
            CareTaskIds = detail.CareTasksRelinked.Select(p => p[0]).ToArray(), CareTaskContacts = detail.CareTasksRelinked.Select(p => p[1]).ToArray(),
        }, tx, cancellationToken: ct));
        if (detail.OwnerMoved is { } owners)
            await connection.ExecuteAsync(new CommandDefinition(OwnerBackSql, new { owners.From, owners.To, owners.Reminders, owners.Deals, At = at }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(ChurnFindingBackSql, new { record.Before }, tx, cancellationToken: ct));
        await RefreshAsync(connection, tx, into, from, ct);
        await connection.ExecuteAsync(new CommandDefinition(UndoneSql, new { AuditId = auditId, At = at, ActorId = actorId, Actor = actor, From = from }, tx, cancellationToken: ct));
        var restored = (await DescribeAsync(connection, tx, from, ct))!.ToCandidate().Counts;
        await OwnTransaction.CommitAsync(tx, ct);
        return new MergeUndoOutcome.Undone(into, from, restored);
    }
}
