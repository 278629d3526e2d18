using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class ChurnQueries(NpgsqlDataSource dataSource) : IChurnQueries
{
    // The usual rhythm is the mean gap between the orders of the last two years (at least three orders).
    private const string CandidatesSql = """
        select c.id as customer_id, coalesce(c.short_name, c.legal_name) as name, c.owner_id, u.name as owner_name, c.stage,
               o.last_order_on, o.usual_gap as usual_days_between_orders, t.last_touch as last_interaction_on,
               coalesce(t.complaints, 0) as complaints_last30_days, r.removed_on as removed_rep_on
        from customers c
        left join users u on u.id = c.owner_id
        left join lateral (
            select max(ordered_on) as last_order_on,
                   case when count(*) >= 3 then (max(ordered_on) - min(ordered_on))::float8 / (count(*) - 1) end as usual_gap
            from orders where customer_id = c.id and ordered_on > @Today::date - 730) o on true
        left join lateral (
            select (max(occurred_at) at time zone 'Asia/Shanghai')::date as last_touch,
                   (count(*) filter (where 'complaint' = any(objections) and occurred_at > @Today::date - 30))::int as complaints
            from interactions where customer_id = c.id) t on true
        left join lateral (
            select (max(wecom_removed_at) at time zone 'Asia/Shanghai')::date as removed_on
            from contacts where customer_id = c.id and wecom_removed_at is not null and deleted_at is null) r on true
        where c.deleted_at is null and c.stage <> 'lost'
          and (@AllOwners or c.owner_id = any(@OwnerIds))
          and (r.removed_on is not null or t.complaints > 0 or o.last_order_on < @Today::date - 30
               or t.last_touch is null or t.last_touch < @Today::date - 60)
        """;

    private sealed class Row
    {
        public long CustomerId { get; init; }

        public string Name { get; init; } = "";

        public long? OwnerId { get; init; }

        public string? OwnerName { get; init; }

        public string Stage { get; init; } = "";

        public DateTime? LastOrderOn { get; init; }

        public double? UsualDaysBetweenOrders { get; init; }

        public DateTime? LastInteractionOn { get; init; }

        public int ComplaintsLast30Days { get; init; }

        public DateTime? RemovedRepOn { get; init; }
    }

    public async Task<IReadOnlyList<ChurnFacts>> CandidatesAsync(IReadOnlySet<long>? ownerIds, DateOnly today, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(CandidatesSql,
            new { Today = today, AllOwners = ownerIds is null, OwnerIds = ownerIds?.ToArray() ?? [] }, cancellationToken: ct, commandTimeout: 120));
        return [.. rows.Select(r => new ChurnFacts(r.CustomerId, r.Name, r.OwnerId, r.OwnerName, FunnelStages.FromCode(r.Stage),
            Date(r.LastOrderOn), r.UsualDaysBetweenOrders, Date(r.LastInteractionOn), r.ComplaintsLast30Days, Date(r.RemovedRepOn)))];
    }

    private static DateOnly? Date(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
