using System.Text.Json;
using Bot.Conversations.Privacy;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Export and erasure of one customer's data. Messages are tied to the customer by the interactions logged from
/// them, by the contacts' WeCom ids, and by the customer's or a contact's name in their text; only messages already
/// processed or sent are rewritten, and undelivered ones that name the customer are dropped.
/// </summary>
public sealed class CustomerRecords(NpgsqlDataSource dataSource) : ICustomerRecords
{
    private const string LockSql = "select legal_name, short_name from customers where id = @Id and deleted_at is null for update";

    private const string ContactsSql = "select name, wecom_external_userid from contacts where customer_id = @Id";

    private const string Erased = """'{"erased": true}'::jsonb""";

    private const string MentionsCustomer = "exists (select 1 from unnest(@Needles::text[]) n where strpos(m.payload::text, n) > 0)";

    private const string InboundSql = $"""
        update inbound_messages m set payload = {Erased}, last_error = null
        where m.status in ('done', 'failed') and m.payload <> {Erased}
          and (m.id in (select inbound_message_id from interactions where customer_id = @Id) or {MentionsCustomer})
        """;

    private const string SentSql = $"""
        update outbox m set payload = {Erased}, last_error = null,
            recipient = case when m.recipient = any(@ExternalIds) then 'erased' else m.recipient end
        where m.status = 'sent' and m.payload <> {Erased} and (m.recipient = any(@ExternalIds) or {MentionsCustomer})
        """;

    private const string UndeliveredSql = $"""
        delete from outbox m where m.status in ('pending', 'parked') and (m.recipient = any(@ExternalIds) or {MentionsCustomer})
        """;

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
    // greetings still only planned: their queued group sends were deleted above, so they could never go out.
    private const string CustomerEraseSql = """
        update customers set legal_name = '已删除客户#' || id, short_name = null, aliases = '{}',
            deleted_at = @At, erased_at = @At, updated_at = @At
        where id = @Id;
        delete from churn_findings where customer_id = @Id;
        delete from care_tasks where customer_id = @Id and status = 'planned'
        """;

    private const string AuditSql = """
        insert into audit_log (at, actor_id, action, entity, entity_id, detail)
        values (@At, @ActorId, 'forget', 'customers', @Id, @Detail::jsonb)
        """;

    private const string ExportSql = """
        select json_build_object(
            'customer', to_json(c),
            'owner', (select u.name from users u where u.id = c.owner_id),
            'contacts', coalesce((select json_agg(t order by t.id) from contacts t where t.customer_id = c.id), '[]'),
            'interactions', coalesce((select json_agg(i order by i.occurred_at, i.id) from interactions i where i.customer_id = c.id), '[]'),
            'orders', coalesce((select json_agg(o order by o.ordered_on, o.id) from orders o where o.customer_id = c.id), '[]'),
            'reminders', coalesce((select json_agg(r order by r.due_at, r.id) from reminders r where r.customer_id = c.id), '[]'),
            'stage_history', coalesce((select json_agg(h order by h.changed_at, h.id) from stage_history h where h.customer_id = c.id), '[]'),
            'tier_history', coalesce((select json_agg(h order by h.changed_at, h.id) from tier_history h where h.customer_id = c.id), '[]'),
            'messages', coalesce((select json_agg(json_build_object('id', m.id, 'received_at', m.received_at, 'from_user', m.from_user,
                    'payload', m.payload) order by m.id)
                from inbound_messages m where m.id in (select inbound_message_id from interactions where customer_id = c.id)), '[]'),
            'audit_log', coalesce((select json_agg(a order by a.at, a.id) from audit_log a
                where (a.entity = 'customers' and a.entity_id = c.id)
                   or (a.entity = 'contacts' and a.entity_id in (select id from contacts where customer_id = c.id))), '[]')
        )::text
        from customers c where c.id = @Id and c.deleted_at is null
        """;

    private sealed record CustomerName(string LegalName, string? ShortName);

    private sealed record ContactName(string Name, string? WecomExternalUserid);

    private sealed record ReminderCounts(int Total, int Cancelled);

    public async Task<ErasureCounts?> ForgetAsync(long customerId, long? actorId, string actor, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var names = await connection.QuerySingleOrDefaultAsync<CustomerName>(
            new CommandDefinition(LockSql, new { Id = customerId }, tx, cancellationToken: ct));
        if (names is null)
            return null;
        var contacts = (await connection.QueryAsync<ContactName>(new CommandDefinition(ContactsSql, new { Id = customerId }, tx, cancellationToken: ct))).ToList();
        var externalIds = contacts.Select(c => c.WecomExternalUserid).OfType<string>().ToArray();
        // Two-character names (a bare surname and given name) are common enough that only the contact's full name counts.
        var needles = new[] { names.LegalName, names.ShortName }.Concat(contacts.Select(c => c.Name)).Concat(externalIds)
            .OfType<string>().Where(n => n.Length >= 2).Distinct().ToArray();
        var args = new { Id = customerId, Needles = needles, ExternalIds = externalIds, Text = ErasedNames.Text, At = at.ToUniversalTime() };

        var inbound = await connection.ExecuteAsync(new CommandDefinition(InboundSql, args, tx, cancellationToken: ct));
        var outbox = await connection.ExecuteAsync(new CommandDefinition(SentSql, args, tx, cancellationToken: ct))
            + await connection.ExecuteAsync(new CommandDefinition(UndeliveredSql, args, tx, cancellationToken: ct));
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
        await tx.CommitAsync(ct);
        return counts;
    }

    public async Task<string?> ExportAsync(long customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ExportSql, new { Id = customerId }, cancellationToken: ct));
    }
}
