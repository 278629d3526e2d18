using System.Text.Json.Nodes;
using Dapper;

namespace Bot.Data.Postgres;

/// <summary>
/// 撤销 of a removal or an edit: the rows come back from the audit entry exactly as they were, ids included, and a
/// second audit entry says they did. An entry whose customer was erased since has nothing left to put back.
/// </summary>
public sealed partial class RecordStore
{
    // Locked, so two undos of one entry cannot both restore it.
    private const string EntrySql = """
        select a.action, a.entity, a.detail::text as detail,
               exists (select 1 from audit_log r where r.action = 'record_restored' and r.detail->>'audit_id' = a.id::text) as restored
        from audit_log a where a.id = @AuditId for update
        """;

    private const string RestoreInteractionSql = """
        insert into interactions overriding system value select * from jsonb_populate_record(null::interactions, @Row::jsonb) on conflict do nothing
        """;

    private const string RestoreStageSql = """
        insert into stage_history overriding system value select * from jsonb_populate_record(null::stage_history, @Row::jsonb) on conflict do nothing
        """;

    private const string RestoreCustomerStageSql = """
        update customers c set stage = o.stage, stage_changed_at = o.stage_changed_at, updated_at = now()
        from jsonb_to_record(@Row::jsonb) as o(id bigint, stage text, stage_changed_at timestamptz)
        where c.id = o.id
        """;

    private const string ReopenReminderSql = """
        update reminders r set status = o.status, completed_at = o.completed_at
        from jsonb_populate_record(null::reminders, @Row::jsonb) o
        where r.id = o.id and r.status = 'cancelled'
        """;

    private const string RestoreOrderSql = """
        insert into orders overriding system value select * from jsonb_populate_record(null::orders, @Row::jsonb) on conflict do nothing
        """;

    private const string RestoreDealSql = """
        insert into deals overriding system value select * from jsonb_populate_record(null::deals, @Row::jsonb) on conflict do nothing
        """;

    private const string UneditInteractionSql = """
        update interactions i set channel = o.channel, contact_id = o.contact_id, occurred_at = o.occurred_at
        from jsonb_populate_record(null::interactions, @Row::jsonb) o
        where i.id = o.id
        """;

    private const string RestoredAuditSql = """
        insert into audit_log (actor_id, action, entity, entity_id, detail)
        select @ActorId, 'record_restored', a.entity, a.entity_id, jsonb_build_object('audit_id', a.id) from audit_log a where a.id = @AuditId
        """;

    private sealed record AuditEntry(string Action, string Entity, string Detail, bool Restored);

    public async Task<bool> RestoreAsync(long auditId, long actorId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        if (await connection.QuerySingleOrDefaultAsync<AuditEntry>(new CommandDefinition(EntrySql, new { AuditId = auditId }, tx, cancellationToken: ct)) is not { Restored: false } entry)
            return false;
        var detail = JsonNode.Parse(entry.Detail)!.AsObject();
        var steps = (entry.Action, entry.Entity) switch
        {
            ("record_edited", "interactions") => [(UneditInteractionSql, detail["before"])],
            ("record_deleted", "interactions") => [(RestoreInteractionSql, detail["row"]), (RestoreStageSql, detail["stage_history"]), (RestoreCustomerStageSql, detail["customer"])],
            ("record_deleted", "reminders") => [(ReopenReminderSql, detail["row"])],
            ("record_deleted", "orders") => [(RestoreOrderSql, detail["row"])],
            ("record_deleted", "deals") => [(RestoreDealSql, detail["row"])],
            _ => Array.Empty<(string Sql, JsonNode? Row)>(),
        };
        var restored = 0;
        foreach (var (sql, row) in steps.Where(s => s.Item2 is not null))
            restored += await connection.ExecuteAsync(new CommandDefinition(sql, new { Row = row!.ToJsonString() }, tx, cancellationToken: ct));
        if (restored == 0)
            return false;
        await connection.ExecuteAsync(new CommandDefinition(RestoredAuditSql, new { AuditId = auditId, ActorId = actorId }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        return true;
    }
}
