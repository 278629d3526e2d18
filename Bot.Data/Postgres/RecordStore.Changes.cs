using System.Text.Json.Nodes;
using Bot.Conversations.Customers;
using Bot.Conversations.Records;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Removing and editing earlier records, each in one transaction with its audit entry, which keeps the rows as they
/// were (row_to_json) — the record of what was removed, and what 撤销 puts back (jsonb_populate_record, same ids).
/// </summary>
public sealed partial class RecordStore
{
    private const string AuditSql = """
        insert into audit_log (at, actor_id, action, entity, entity_id, detail)
        values (@At, @ActorId, @Action, @Entity, @EntityId, @Detail::jsonb)
        returning id
        """;

    private const string LockInteractionSql = """
        select row_to_json(i)::text as row, i.customer_id, i.rep_id, i.occurred_at from interactions i where i.id = @Id for update
        """;

    // The stage change the interaction wrote: linked to it, or (written before links were kept) by the same rep at the
    // very instant the interaction was logged. Taken back only while it is the customer's latest and still in force.
    private const string StageWrittenSql = """
        select h.id, h.from_stage, h.to_stage, row_to_json(h)::text as row,
               not exists (select 1 from stage_history n where n.customer_id = h.customer_id and (n.changed_at, n.id) > (h.changed_at, h.id))
               and exists (select 1 from customers c where c.id = h.customer_id and c.stage = h.to_stage) as in_force
        from stage_history h
        where h.customer_id = @CustomerId
          and (h.interaction_id = @Id or (h.interaction_id is null and h.changed_by = @RepId and h.changed_at = @OccurredAt))
        order by h.id desc
        limit 1
        """;

    private const string CustomerStageSql = """
        select json_build_object('id', id, 'stage', stage, 'stage_changed_at', stage_changed_at)::text from customers where id = @CustomerId for update
        """;

    private const string TakeBackStageSql = """
        delete from stage_history where id = @StageId;
        update customers set stage = @From,
            stage_changed_at = coalesce((select max(changed_at) from stage_history where customer_id = @CustomerId), stage_changed_at),
            updated_at = now()
        where id = @CustomerId;
        """;

    private const string DeleteInteractionSql = "delete from interactions where id = @Id";

    private const string OpenFollowUpSql = "select exists (select 1 from reminders where customer_id = @CustomerId and rep_id = @RepId and status = 'open')";

    // Cancelled, not deleted: completion rates and overdue counts keep adding up.
    private const string CancelReminderSql = """
        with old as (select r.*, row_to_json(r)::text as row from reminders r where r.id = @Id and r.status = 'open' for update)
        update reminders r set status = 'cancelled' from old where r.id = old.id
        returning old.row, old.customer_id
        """;

    private const string DeleteOrderSql = "delete from orders o where o.id = @Id returning row_to_json(o)::text as row, o.customer_id";

    private const string DeleteDealSql = "delete from deals d where d.id = @Id returning row_to_json(d)::text as row, d.customer_id";

    // Pinned before the day moves, so a later delete still finds the stage change this interaction wrote.
    private const string PinStageSql = """
        update stage_history set interaction_id = @Id
        where interaction_id is null and customer_id = @CustomerId and changed_by = @RepId and changed_at = @OccurredAt
        """;

    private const string EditInteractionSql = """
        update interactions i set channel = coalesce(@Channel, i.channel), contact_id = coalesce(@ContactId, i.contact_id),
            occurred_at = coalesce(@OccurredAt, i.occurred_at)
        where i.id = @Id
        returning row_to_json(i)::text
        """;

    private sealed record LockedInteraction(string Row, long CustomerId, long RepId, DateTime OccurredAt);

    private sealed record StageRow(long Id, string? FromStage, string ToStage, string Row, bool InForce);

    private sealed record RemovedRow(string Row, long? CustomerId);

    private static readonly Dictionary<RecordKind, string> Tables = new()
    {
        [RecordKind.Interaction] = "interactions", [RecordKind.Reminder] = "reminders", [RecordKind.Order] = "orders", [RecordKind.Deal] = "deals",
    };

    public async Task<RecordRemoval?> RemoveAsync(RecordKind kind, long id, long actorId, string actor, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var detail = new JsonObject { ["by"] = actor };
        StageWritten? stage = null;
        var openFollowUp = false;
        if (kind == RecordKind.Interaction)
        {
            if (await connection.QuerySingleOrDefaultAsync<LockedInteraction>(new CommandDefinition(LockInteractionSql, new { Id = id }, tx, cancellationToken: ct)) is not { } locked)
                return null;
            var args = new { Id = id, locked.CustomerId, locked.RepId, locked.OccurredAt };
            if (await connection.QuerySingleOrDefaultAsync<StageRow>(new CommandDefinition(StageWrittenSql, args, tx, cancellationToken: ct)) is { FromStage: { } from } written)
            {
                if (written.InForce)
                {
                    detail["customer"] = JsonNode.Parse(await connection.QuerySingleAsync<string>(new CommandDefinition(CustomerStageSql, args, tx, cancellationToken: ct)));
                    detail["stage_history"] = JsonNode.Parse(written.Row);
                    await connection.ExecuteAsync(new CommandDefinition(TakeBackStageSql, new { StageId = written.Id, From = from, locked.CustomerId }, tx, cancellationToken: ct));
                }
                stage = new StageWritten(FunnelStages.FromCode(from), FunnelStages.FromCode(written.ToStage), written.InForce);
            }
            await connection.ExecuteAsync(new CommandDefinition(DeleteInteractionSql, args, tx, cancellationToken: ct));
            openFollowUp = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(OpenFollowUpSql, args, tx, cancellationToken: ct));
            detail["customer_id"] = locked.CustomerId;
            detail["row"] = JsonNode.Parse(locked.Row);
        }
        else
        {
            var sql = kind switch { RecordKind.Reminder => CancelReminderSql, RecordKind.Order => DeleteOrderSql, _ => DeleteDealSql };
            if (await connection.QuerySingleOrDefaultAsync<RemovedRow>(new CommandDefinition(sql, new { Id = id }, tx, cancellationToken: ct)) is not { } removed)
                return null;
            detail["customer_id"] = removed.CustomerId;
            detail["row"] = JsonNode.Parse(removed.Row);
        }
        var auditId = await AuditAsync(connection, tx, "record_deleted", Tables[kind], id, detail, actorId, at, ct);
        await OwnTransaction.CommitAsync(tx, ct);
        return new RecordRemoval(auditId, stage, openFollowUp);
    }

    public async Task<long?> EditInteractionAsync(long id, InteractionEdit edit, long actorId, string actor, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        if (await connection.QuerySingleOrDefaultAsync<LockedInteraction>(new CommandDefinition(LockInteractionSql, new { Id = id }, tx, cancellationToken: ct)) is not { } locked)
            return null;
        await connection.ExecuteAsync(new CommandDefinition(PinStageSql, new { Id = id, locked.CustomerId, locked.RepId, locked.OccurredAt }, tx, cancellationToken: ct));
        var after = await connection.QuerySingleAsync<string>(new CommandDefinition(EditInteractionSql, new
        {
            Id = id, Channel = edit.Channel?.Code(), edit.ContactId, OccurredAt = edit.OccurredAt?.ToUniversalTime(),
        }, tx, cancellationToken: ct));
        var detail = new JsonObject
        {
            ["by"] = actor, ["customer_id"] = locked.CustomerId, ["before"] = JsonNode.Parse(locked.Row), ["after"] = JsonNode.Parse(after),
        };
        var auditId = await AuditAsync(connection, tx, "record_edited", "interactions", id, detail, actorId, at, ct);
        await OwnTransaction.CommitAsync(tx, ct);
        return auditId;
    }

    private static Task<long> AuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string action, string entity, long entityId, JsonObject detail, long actorId, DateTimeOffset at, CancellationToken ct) =>
        connection.QuerySingleAsync<long>(new CommandDefinition(AuditSql, new
        {
            At = at.ToUniversalTime(), ActorId = actorId, Action = action, Entity = entity, EntityId = entityId, Detail = detail.ToJsonString(),
        }, tx, cancellationToken: ct));
}
