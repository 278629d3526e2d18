using Dapper;
using Npgsql;

namespace Bot.Tests.Fixtures;

/// <summary>
/// Every row of every table that holds the company's data, as text, for "nothing changed" and "undo put everything
/// back" checks. Left out: the message logs (inbound_messages, outbox — the question and the bot's answer are
/// themselves messages), job bookkeeping, the churn caches that triggers mark for re-judging, and each row's
/// updated_at (when it was last touched, not what it holds).
/// </summary>
public static class TableSnapshot
{
    private static readonly string[] Tables =
    [
        "users", "customers", "contacts", "interactions", "stage_history", "orders", "reminders", "audit_log", "tier_history",
        "care_tasks", "care_rep_notes", "churn_findings", "playbook_entries", "deals",
    ];

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var snapshot = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var table in Tables)
        {
            var rows = await connection.QueryAsync<string>(
                $"select (to_jsonb(t) - 'updated_at')::text from {table} t order by 1");
            snapshot[table] = [.. rows];
        }
        return snapshot;
    }

    /// <summary>The differences, one line per table that changed (rows only before, rows only after).</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyDictionary<string, IReadOnlyList<string>> before, IReadOnlyDictionary<string, IReadOnlyList<string>> after) =>
        [.. Tables.Where(t => !before[t].SequenceEqual(after[t]))
            .Select(t => $"{t}: only before {string.Join(" | ", before[t].Except(after[t]).Take(3))}; only after {string.Join(" | ", after[t].Except(before[t]).Take(3))}")];
}
