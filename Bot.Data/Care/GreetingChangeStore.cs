using Bot.Conversations.Care;
using Dapper;
using Npgsql;

namespace Bot.Data.Care;

/// <summary>The reps' skips and rewrites of greetings not yet queued (migration 0023).</summary>
public sealed class GreetingChangeStore(NpgsqlDataSource dataSource) : IGreetingChanges
{
    private const string ForKeysSql = """
        select idempotency_key, contact_id, customer_id, occasion, occasion_on, text, changed_by, changed_at
        from care_greeting_changes where idempotency_key = any(@Keys)
        """;

    // A greeting already in care_tasks has been queued with what was decided then: a change now would only pretend.
    private const string SaveSql = """
        insert into care_greeting_changes (idempotency_key, contact_id, customer_id, occasion, occasion_on, text, changed_by, changed_at)
        select @Key, @ContactId, @CustomerId, @Occasion, @On, @Text, @ChangedBy, @ChangedAt
        where not exists (select 1 from care_tasks where idempotency_key = @Key)
        on conflict (idempotency_key) do update set text = excluded.text, changed_by = excluded.changed_by, changed_at = excluded.changed_at
        """;

    private const string RemoveSql = "delete from care_greeting_changes where idempotency_key = @Key";

    private sealed class ChangeRow
    {
        public string IdempotencyKey { get; init; } = "";
        public long ContactId { get; init; }
        public long CustomerId { get; init; }
        public string Occasion { get; init; } = "";
        public DateOnly OccasionOn { get; init; }
        public string? Text { get; init; }
        public long? ChangedBy { get; init; }
        public DateTime ChangedAt { get; init; }
    }

    public async Task<IReadOnlyDictionary<string, GreetingChange>> ForKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(ForKeysSql, new { Keys = keys.ToArray() }, cancellationToken: ct, commandTimeout: 120));
        return rows.ToDictionary(r => r.IdempotencyKey, r => new GreetingChange(
            r.IdempotencyKey, r.ContactId, r.CustomerId, CareOccasions.FromKey(r.Occasion), r.OccasionOn, r.Text, r.ChangedBy,
            new DateTimeOffset(DateTime.SpecifyKind(r.ChangedAt, DateTimeKind.Utc))));
    }

    public async Task<bool> SaveAsync(GreetingChange change, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(SaveSql, new
        {
            change.Key, change.ContactId, change.CustomerId, Occasion = change.Occasion.Key(), change.On, change.Text, change.ChangedBy,
            ChangedAt = change.ChangedAt.ToUniversalTime(),
        }, cancellationToken: ct)) > 0;
    }

    public async Task RemoveAsync(string key, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RemoveSql, new { Key = key }, cancellationToken: ct));
    }
}
