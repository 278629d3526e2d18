using System.Text.Json;
using Bot.Conversations.Privacy;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Export and erasure of one customer's data. Stored messages are tied to the customer by recorded links — the
/// interactions, reminders and deals written from them, the replies to those, the contacts' WeCom ids — and by names
/// the bot's own name finder reads as this customer (<see cref="CustomerMentions"/>): a message about several
/// customers keeps the others' names, and one about 成都星辰 is not touched when 星辰网络科技有限公司 is erased. Events
/// and greetings addressed to the contacts' WeCom ids are erased whole; a greeting to them not yet delivered is dropped.
/// </summary>
public sealed partial class CustomerRecords(NpgsqlDataSource dataSource) : ICustomerRecords
{
    private const string LockSql = "select legal_name, short_name from customers where id = @Id and deleted_at is null for update";

    private const string InteractionsSql = "update interactions set summary = @Text, source_message = null where customer_id = @Id";

    // A customer who asked to be forgotten is not followed up any more.
    private const string RemindersSql = """
        with r as (select id, status = 'open' as was_open from reminders where customer_id = @Id),
        u as (update reminders x set note = @Text, status = case when x.status = 'open' then 'cancelled' else x.status end
              from r where x.id = r.id returning r.was_open)
        select count(*)::int as total, (count(*) filter (where was_open))::int as cancelled from u
        """;

    private const string ContactsEraseSql = """
        update contacts set name = '已删除联系人#' || id, title = null, phone = null, wecom_external_userid = null,
            birth_month = null, birth_day = null, birth_year = null, birthday_lunar = false, decision_role = null,
            deleted_at = coalesce(deleted_at, @At), updated_at = @At
        where customer_id = @Id
        """;

    // Industry, size, region, stage, tier and the order figures stay: they are what the reports count.
    // The stored churn finding carries the name and is about a customer no longer followed: it goes. So do
    // greetings still only planned: their queued group sends were deleted above, so they could never go out; and the
    // reps' changes to coming greetings, whose rewritten texts name the contact. Open deals go (nobody pursues an
    // erased customer); won and lost ones stay, amounts without names, for the reports.
    // The record of its WeChat accounts' transfers goes too: it names them.
    // Duplicates merged into the customer were the same company: their rows lose the names too (but are not marked
    // erased, which would count them in reports again), and the merges can no longer be undone (what an undo needs
    // holds the names and contacts as they were).
    // Records deleted or edited from chat keep their rows in the audit log: those go too, the entries stay.
    private const string CustomerEraseSql = """
        update customers set legal_name = '已删除客户#' || id, short_name = null, aliases = '{}',
            deleted_at = @At, erased_at = @At, updated_at = @At
        where id = @Id;
        delete from contact_transfers where customer_id = @Id;
        delete from customer_merges where survivor_id = @Id or merged_id = @Id
            or survivor_id in (select id from customers where merged_into = @Id) or merged_id in (select id from customers where merged_into = @Id);
        update customers set legal_name = '已删除客户#' || id, short_name = null, aliases = '{}', updated_at = @At
        where merged_into = @Id;
        delete from churn_findings where customer_id = @Id;
        delete from care_tasks where customer_id = @Id and status = 'planned';
        delete from care_greeting_changes where customer_id = @Id;
        delete from deals where customer_id = @Id and closed_at is null;
        update audit_log set detail = jsonb_build_object('by', detail->'by', 'customer_id', @Id, 'erased', true)
        where action in ('record_deleted', 'record_edited') and detail->>'customer_id' = @Id::text
        """;

    private const string AuditSql = """
        insert into audit_log (at, actor_id, action, entity, entity_id, detail)
        values (@At, @ActorId, 'forget', 'customers', @Id, @Detail::jsonb)
        """;

    // messages and outbox: every stored message erasing the customer would touch (and those its records were written
    // from), so the customer sees what will go.
    // users: the names behind every user id in the export (owner, reps, whoever changed a stage or acted in the audit log).
    private const string ExportSql = """
        with audit as (
            select a.* from audit_log a
            where (a.entity = 'customers' and a.entity_id = @Id)
               or (a.entity = 'contacts' and a.entity_id in (select id from contacts where customer_id = @Id)))
        select json_build_object(
            'customer', to_json(c),
            'owner', (select u.name from users u where u.id = c.owner_id),
            'users', coalesce((select json_object_agg(u.id, u.name) from users u where u.id in (
                select c.owner_id
                union select owner_id from deals where customer_id = c.id
                union select rep_id from interactions where customer_id = c.id
                union select rep_id from reminders where customer_id = c.id
                union select changed_by from stage_history where customer_id = c.id
                union select actor_id from audit)), '{}'),
            'contacts', coalesce((select json_agg(t order by t.id) from contacts t where t.customer_id = c.id), '[]'),
            'interactions', coalesce((select json_agg(i order by i.occurred_at, i.id) from interactions i where i.customer_id = c.id), '[]'),
            'orders', coalesce((select json_agg(o order by o.ordered_on, o.id) from orders o where o.customer_id = c.id), '[]'),
            'deals', coalesce((select json_agg(d order by d.created_at, d.id) from deals d where d.customer_id = c.id), '[]'),
            'reminders', coalesce((select json_agg(r order by r.due_at, r.id) from reminders r where r.customer_id = c.id), '[]'),
            'stage_history', coalesce((select json_agg(h order by h.changed_at, h.id) from stage_history h where h.customer_id = c.id), '[]'),
            'tier_history', coalesce((select json_agg(h order by h.changed_at, h.id) from tier_history h where h.customer_id = c.id), '[]'),
            'messages', coalesce((select json_agg(json_build_object('id', m.id, 'received_at', m.received_at, 'from_user', m.from_user,
                    'payload', m.payload) order by m.id)
                from inbound_messages m where m.id = any(@Messages)), '[]'),
            'outbox', coalesce((select json_agg(json_build_object('id', o.id, 'created_at', o.created_at, 'sent_at', o.sent_at,
                    'recipient', o.recipient, 'status', o.status, 'payload', o.payload) order by o.id)
                from outbox o where o.id = any(@Outbox)), '[]'),
            'audit_log', coalesce((select json_agg(a order by a.at, a.id) from audit a), '[]')
        )::text
        from customers c where c.id = @Id and c.deleted_at is null
        """;

    private sealed record CustomerName(string LegalName, string? ShortName);

    private sealed record ReminderCounts(int Total, int Cancelled);

    public async Task<ErasureCounts?> ForgetAsync(long customerId, long? actorId, string actor, DateTimeOffset at, CustomerMentions mentions, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var names = await connection.QuerySingleOrDefaultAsync<CustomerName>(
            new CommandDefinition(LockSql, new { Id = customerId }, tx, cancellationToken: ct));
        if (names is null)
            return null;
        var plan = await PlanMessagesAsync(connection, tx, customerId, mentions, ct);
        var args = new { Id = customerId, plan.ExternalIds, Text = ErasedNames.Text, At = at.ToUniversalTime() };

        var inbound = 0;
        foreach (var message in plan.Inbound)
            inbound += await connection.ExecuteAsync(new CommandDefinition(RewriteInboundSql, message, tx, cancellationToken: ct));
        var outbox = await connection.ExecuteAsync(new CommandDefinition(SentSql, args, tx, cancellationToken: ct))
            + await connection.ExecuteAsync(new CommandDefinition(UndeliveredSql, args, tx, cancellationToken: ct));
        foreach (var message in plan.Outbox)
            outbox += await connection.ExecuteAsync(new CommandDefinition(RewriteOutboxSql, message, tx, cancellationToken: ct));
        var interactions = await connection.ExecuteAsync(new CommandDefinition(InteractionsSql, args, tx, cancellationToken: ct));
        var reminders = await connection.QuerySingleAsync<ReminderCounts>(new CommandDefinition(RemindersSql, args, tx, cancellationToken: ct));
        var erasedContacts = await connection.ExecuteAsync(new CommandDefinition(ContactsEraseSql, args, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CustomerEraseSql, args, tx, cancellationToken: ct));

        var counts = new ErasureCounts(erasedContacts, interactions, reminders.Total, inbound, outbox, reminders.Cancelled);
        var detail = JsonSerializer.Serialize(new
        {
            by = actor,
            contacts = counts.Contacts,
            interactions = counts.Interactions,
            reminders = counts.Reminders,
            remindersCancelled = counts.RemindersCancelled,
            inboundMessages = counts.InboundMessages,
            outboxMessages = counts.OutboxMessages,
        });
        await connection.ExecuteAsync(new CommandDefinition(AuditSql,
            new { At = at.ToUniversalTime(), ActorId = actorId, Id = customerId, Detail = detail }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        return counts;
    }

    public async Task<string?> ExportAsync(long customerId, CustomerMentions mentions, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var plan = await PlanMessagesAsync(connection, null, customerId, mentions, ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ExportSql, new
        {
            Id = customerId,
            Messages = plan.Linked.Union(plan.Inbound.Select(m => m.Id)).ToArray(),
            Outbox = plan.Outbox.Select(m => m.Id).Union(plan.ToContacts).ToArray(),
        }, cancellationToken: ct));
    }
}
