using Bot.Conversations.Customers;
using Bot.Conversations.Reminders;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class CadenceQueries(NpgsqlDataSource dataSource) : ICadenceQueries
{
    private const string WithoutFollowUpSql = """
        select c.id as customer_id, coalesce(c.short_name, c.legal_name) as name, c.owner_id, c.stage, c.tier,
               c.stage_changed_at, c.last_interaction_at
        from customers c join users u on u.id = c.owner_id and u.active
        where c.deleted_at is null and c.stage <> 'lost'
          and not exists (select 1 from reminders r where r.customer_id = c.id and r.status = 'open')
        """;

    private const string PlannedSql = """
        select rep_id, count(*)::int from reminders where source = 'cadence' and due_at >= @From and due_at < @To group by rep_id
        """;

    private sealed record Row(long CustomerId, string Name, long OwnerId, string Stage, string? Tier, DateTime StageChangedAt, DateTime? LastInteractionAt);

    public async Task<IReadOnlyList<CadenceCandidate>> ListWithoutFollowUpAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(WithoutFollowUpSql, cancellationToken: ct));
        return [.. rows.Select(r => new CadenceCandidate(r.CustomerId, r.Name, r.OwnerId, FunnelStages.FromCode(r.Stage),
            r.Tier is null ? null : Enum.Parse<CustomerTier>(r.Tier), new DateTimeOffset(r.StageChangedAt, TimeSpan.Zero),
            r.LastInteractionAt is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null))];
    }

    public async Task<IReadOnlyDictionary<long, int>> CountPlannedAsync(DateTimeOffset dueFrom, DateTimeOffset dueUntil, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(long RepId, int Count)>(new CommandDefinition(PlannedSql,
            new { From = dueFrom.ToUniversalTime(), To = dueUntil.ToUniversalTime() }, cancellationToken: ct));
        return rows.ToDictionary(r => r.RepId, r => r.Count);
    }
}
