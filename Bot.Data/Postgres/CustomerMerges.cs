using System.Text.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Merging;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Merges one customer into another in one transaction. Every row that references the merged customer moves to the
/// survivor; same-named contacts become one (the kept contact takes over the duplicate's WeCom link, consent and
/// opt-out where it had none); the merged customer's names become the survivor's aliases; the merged row stays, deleted,
/// with <c>merged_into</c> set. The survivor keeps its tier until the nightly recompute.
/// </summary>
public sealed partial class CustomerMerges(NpgsqlDataSource dataSource, TimeProvider clock) : ICustomerMerges
{
    /// <summary>
    /// Every foreign key to customers (table.column), each handled by the merge: moved to the survivor, except the
    /// churn finding (dropped: the survivor is judged again) and merged_into (re-pointed, so it always names a live
    /// customer). A test compares this with the schema, so a new reference cannot be forgotten here.
    /// </summary>
    public static readonly IReadOnlyList<string> References =
    [
        "contacts.customer_id", "interactions.customer_id", "stage_history.customer_id", "orders.customer_id", "reminders.customer_id",
        "tier_history.customer_id", "care_tasks.customer_id", "deals.customer_id", "churn_findings.customer_id", "customers.merged_into",
        "reassigned_customers.customer_id", "contact_transfers.customer_id", "care_greeting_changes.customer_id",
    ];

    private const string LockSql = """
        select id, legal_name, short_name, aliases, owner_id, stage, stage_changed_at, deleted_at from customers
        where id = any(@Ids) order by id for update
        """;

    private const string ContactPairsSql = """
        select b.id as from_id, a.id as into_id, (a.wecom_external_userid is not null and b.wecom_external_userid is not null) as clash
        from contacts b join contacts a on a.customer_id = @Into and a.name = b.name and a.deleted_at is null
        where b.customer_id = @From and b.deleted_at is null
        """;

    private const string ContactsOfSql = "select id from contacts where customer_id = @From";

    // Two people of the same name, each linked to their own WeCom contact, stay two: the merged customer's name tells them apart.
    private const string RenameSql = "update contacts set name = name || @Suffix, updated_at = @At where id = any(@Ids)";

    private const string RelinkSql = """
        with p as (select * from unnest(@FromIds, @IntoIds) as p (from_id, into_id)),
        i as (update interactions x set contact_id = p.into_id from p where x.contact_id = p.from_id returning x.id, p.from_id),
        k as (update care_tasks x set contact_id = p.into_id from p where x.contact_id = p.from_id returning x.id, p.from_id)
        select 'interactions' as kind, id, from_id from i union all select 'care_tasks', id, from_id from k
        """;

    // The duplicate lets go of its WeCom id first: the id is unique, and the kept contact takes it over below.
    private const string RetireSql = "update contacts set wecom_external_userid = null, deleted_at = @At, updated_at = @At where id = any(@Ids)";

    // The kept contact fills what it lacks from the duplicate as it was; an opt-out on either side stays an opt-out.
    private const string FillSql = """
        update contacts a set
            title = coalesce(a.title, b.title),
            phone = coalesce(a.phone, b.phone),
            decision_role = coalesce(a.decision_role, b.decision_role),
            wecom_external_userid = coalesce(a.wecom_external_userid, b.wecom_external_userid),
            wecom_follow_user = case when a.wecom_external_userid is null then b.wecom_follow_user else a.wecom_follow_user end,
            wecom_removed_at = case when a.wecom_external_userid is null then b.wecom_removed_at else a.wecom_removed_at end,
            birth_month = case when a.birth_month is null then b.birth_month else a.birth_month end,
            birth_day = case when a.birth_month is null then b.birth_day else a.birth_day end,
            birth_year = case when a.birth_month is null then b.birth_year else a.birth_year end,
            birthday_lunar = case when a.birth_month is null then b.birthday_lunar else a.birthday_lunar end,
            care_consent_at = coalesce(a.care_consent_at, b.care_consent_at),
            care_consent_source = case when a.care_consent_at is null then b.care_consent_source else a.care_consent_source end,
            care_opted_out_at = coalesce(a.care_opted_out_at, b.care_opted_out_at),
            care_opt_out_source = case when a.care_opted_out_at is null then b.care_opt_out_source else a.care_opt_out_source end,
            updated_at = @At
        from jsonb_populate_recordset(null::contacts, @Before::jsonb -> 'contacts') b
        join unnest(@FromIds, @IntoIds) as p (from_id, into_id) on p.from_id = b.id
        where a.id = p.into_id
        """;

    private const string MoveSql = """
        with t as (update contacts set customer_id = @Into, updated_at = @At where customer_id = @From returning id),
        i as (update interactions set customer_id = @Into where customer_id = @From returning id),
        h as (update stage_history set customer_id = @Into where customer_id = @From returning id),
        o as (update orders set customer_id = @Into where customer_id = @From returning id),
        r as (update reminders set customer_id = @Into where customer_id = @From returning id),
        th as (update tier_history set customer_id = @Into where customer_id = @From returning id),
        k as (update care_tasks set customer_id = @Into where customer_id = @From returning id),
        d as (update deals set customer_id = @Into, updated_at = @At where customer_id = @From returning id),
        m as (update customers set merged_into = @Into where merged_into = @From returning id),
        rc as (update reassigned_customers set customer_id = @Into where customer_id = @From returning id),
        ct as (update contact_transfers set customer_id = @Into where customer_id = @From returning id),
        gc as (update care_greeting_changes set customer_id = @Into where customer_id = @From returning idempotency_key)
        select array(select id from t order by id) as contacts, array(select id from i order by id) as interactions,
            array(select id from h order by id) as stage_history, array(select id from o order by id) as orders,
            array(select id from r order by id) as reminders, array(select id from th order by id) as tier_history,
            array(select id from k order by id) as care_tasks, array(select id from d order by id) as deals,
            array(select id from m order by id) as merged_customers, array(select id from rc order by id) as reassigned_customers,
            array(select id from ct order by id) as contact_transfers, array(select idempotency_key from gc order by 1) as greeting_changes
        """;

    // The open work of the owner who gave the customer up goes with it; what was done or closed keeps its credit.
    private const string FollowOwnerSql = """
        with r as (update reminders set rep_id = @To where customer_id = @Into and status = 'open' and rep_id = @From returning id),
        d as (update deals set owner_id = @To, updated_at = @At where customer_id = @Into and closed_at is null and owner_id = @From returning id)
        select @From as "from", @To as "to", array(select id from r order by id) as reminders, array(select id from d order by id) as deals
        """;

    // Blanks are filled from the duplicate; the stage is the further one, with the time it got there.
    private const string CustomersSql = """
        update customers a set aliases = @Aliases, stage = @Stage, stage_changed_at = @StageSince, owner_id = @Owner,
            industry = coalesce(a.industry, b.industry), size = coalesce(a.size, b.size), region = coalesce(a.region, b.region),
            baseline_annual_amount = coalesce(a.baseline_annual_amount, b.baseline_annual_amount),
            baseline_last_order_on = coalesce(a.baseline_last_order_on, b.baseline_last_order_on),
            baseline_order_count = coalesce(a.baseline_order_count, b.baseline_order_count),
            strategic = a.strategic or b.strategic,
            care_opted_out_at = coalesce(a.care_opted_out_at, b.care_opted_out_at),
            care_opt_out_source = case when a.care_opted_out_at is null then b.care_opt_out_source else a.care_opt_out_source end,
            updated_at = @At
        from customers b where a.id = @Into and b.id = @From;
        update customers set merged_into = @Into, deleted_at = @At, updated_at = @At where id = @From;
        delete from churn_findings where customer_id = @From
        """;

    private const string AuditSql = """
        insert into audit_log (at, actor_id, action, entity, entity_id, detail)
        values (@At, @ActorId, 'merge', 'customers', @Into, @Detail::jsonb)
        returning id
        """;

    private const string RecordSql = """
        insert into customer_merges (audit_id, survivor_id, merged_id, before, after)
        values (@AuditId, @Into, @From, @Before::jsonb, @After::jsonb)
        """;

    private sealed class LockedRow
    {
        public long Id { get; init; }

        public string LegalName { get; init; } = "";

        public string? ShortName { get; init; }

        public string[] Aliases { get; init; } = [];

        public long? OwnerId { get; init; }

        public string Stage { get; init; } = "";

        public DateTime StageChangedAt { get; init; }

        public DateTime? DeletedAt { get; init; }
    }

    private sealed record ContactPair(long FromId, long IntoId, bool Clash);

    private sealed record Relinked(string Kind, long Id, long FromId);

    public async Task<MergeOutcome> MergeAsync(MergeRequest request, CancellationToken ct)
    {
        if (request.SurvivorId == request.MergedId)
            return new MergeOutcome.Refused(MergeRefusal.Same);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var (into, from) = (request.SurvivorId, request.MergedId);
        var locked = (await connection.QueryAsync<LockedRow>(new CommandDefinition(LockSql, new { Ids = new[] { into, from } }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id);
        if (!locked.TryGetValue(into, out var survivor) || !locked.TryGetValue(from, out var merged) || survivor.DeletedAt is not null || merged.DeletedAt is not null)
            return new MergeOutcome.Refused(MergeRefusal.Gone);
        var owner = MergeRules.OwnerAfter(survivor.OwnerId, merged.OwnerId, request.OwnerId);
        if (owner is null && MergeRules.OwnersDiffer(survivor.OwnerId, merged.OwnerId))
            return new MergeOutcome.Refused(MergeRefusal.OwnerNeeded);

        var at = request.At.ToUniversalTime();
        var moving = (await DescribeAsync(connection, tx, from, ct))!.ToCandidate().Counts;
        var pairs = (await connection.QueryAsync<ContactPair>(new CommandDefinition(ContactPairsSql, new { Into = into, From = from }, tx, cancellationToken: ct))).ToList();
        var kept = pairs.Where(p => !p.Clash).ToList();
        var (fromIds, intoIds) = (kept.Select(p => p.FromId).ToArray(), kept.Select(p => p.IntoId).ToArray());
        var renamed = pairs.Where(p => p.Clash).Select(p => p.FromId).ToArray();
        var contacts = (await connection.QueryAsync<long>(new CommandDefinition(ContactsOfSql, new { From = from }, tx, cancellationToken: ct))).Concat(intoIds).ToArray();
        var before = await ImagesAsync(connection, tx, into, from, contacts, ct);

        await connection.ExecuteAsync(new CommandDefinition(RenameSql,
            new { Ids = renamed, Suffix = $"（{merged.ShortName ?? merged.LegalName}）", At = at }, tx, cancellationToken: ct));
        var relinked = (await connection.QueryAsync<Relinked>(new CommandDefinition(RelinkSql, new { FromIds = fromIds, IntoIds = intoIds }, tx, cancellationToken: ct))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(RetireSql, new { Ids = fromIds, At = at }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(FillSql, new { Before = before, FromIds = fromIds, IntoIds = intoIds, At = at }, tx, cancellationToken: ct));
        var moved = await connection.QuerySingleAsync<MovedRows>(new CommandDefinition(MoveSql, new { Into = into, From = from, At = at }, tx, cancellationToken: ct));
        var ownerMove = MergeRules.OwnersDiffer(survivor.OwnerId, merged.OwnerId)
            ? await connection.QuerySingleAsync<OwnerMove>(new CommandDefinition(FollowOwnerSql,
                new { Into = into, From = owner == survivor.OwnerId ? merged.OwnerId : survivor.OwnerId, To = owner, At = at }, tx, cancellationToken: ct))
            : null;

        var (stage, since) = Surviving(survivor, merged);
        var aliases = MergeRules.AliasesAfter(survivor.LegalName, survivor.ShortName, survivor.Aliases, merged.LegalName, merged.ShortName, merged.Aliases);
        await connection.ExecuteAsync(new CommandDefinition(CustomersSql,
            new { Into = into, From = from, Aliases = aliases.ToArray(), Stage = stage, StageSince = since, Owner = owner, At = at }, tx, cancellationToken: ct));
        await RefreshAsync(connection, tx, into, from, ct);
        var after = await ImagesAsync(connection, tx, into, from, contacts, ct);

        var detail = new MergeDetail(request.Actor, into, from, owner, moved, [.. kept.Select(p => new[] { p.FromId, p.IntoId })], renamed,
            [.. relinked.Where(r => r.Kind == "interactions").Select(r => new[] { r.Id, r.FromId })],
            [.. relinked.Where(r => r.Kind == "care_tasks").Select(r => new[] { r.Id, r.FromId })], ownerMove);
        var auditId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(AuditSql,
            new { At = at, request.ActorId, Into = into, Detail = JsonSerializer.Serialize(detail, DetailJson) }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(RecordSql,
            new { AuditId = auditId, Into = into, From = from, Before = before, After = after }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        return new MergeOutcome.Merged(auditId, moving);
    }

    /// <summary>The further of the two stages and since when it holds; on a tie the survivor's own.</summary>
    private static (string Stage, DateTime Since) Surviving(LockedRow survivor, LockedRow merged)
    {
        var stage = MergeRules.SurvivingStage(FunnelStages.FromCode(survivor.Stage), FunnelStages.FromCode(merged.Stage)).Code();
        return stage == survivor.Stage ? (stage, survivor.StageChangedAt) : (stage, merged.StageChangedAt);
    }
}
