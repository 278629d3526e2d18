using System.Text.Json;
using Dapper;
using Npgsql;

namespace Bot.Data.Import;

/// <summary>Every import leaves one audit row with its counts, in the same transaction as its data.</summary>
public static class ImportAudit
{
    private const string InsertSql = """
        insert into audit_log (action, entity, detail) values ('import', @Entity, @Detail::jsonb)
        """;

    public static async Task RecordAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string entity, ImportReport report, CancellationToken ct)
    {
        var detail = JsonSerializer.Serialize(new
        {
            rows = report.Rows,
            added = report.Added,
            updated = report.Updated,
            unchanged = report.Unchanged,
            rejected = report.Rejected.Count,
            contactsAdded = report.ContactsAdded,
            contactsUpdated = report.ContactsUpdated,
            encoding = report.Encoding,
        });
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { Entity = entity, Detail = detail }, tx, cancellationToken: ct));
    }
}
