using Bot.Conversations.Customers;
using Bot.Conversations.Tiering;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class TierStore(NpgsqlDataSource dataSource) : ITierStore
{
    // With any order history the last twelve months count (zero is zero); without, the imported baseline does.
    private const string FactsSql = """
        select c.id as customer_id, coalesce(c.short_name, c.legal_name) as name, c.owner_id, c.tier as current_tier, c.stage,
               case when o.total > 0 then coalesce(o.year_amount, 0) else coalesce(c.baseline_annual_amount, 0) end as year_amount,
               case when o.total > 0 then o.year_orders else coalesce(c.baseline_order_count, 0) end as year_orders,
               coalesce(o.last_order_on, c.baseline_last_order_on) as last_order_on,
               (select (max(i.occurred_at) at time zone 'Asia/Shanghai')::date from interactions i where i.customer_id = c.id) as last_interaction_on,
               c.size, c.strategic, c.growth_flag, o.orders_90 as orders_last_90_days
        from customers c
        cross join lateral (
            select count(*)::int as total,
                   sum(amount) filter (where ordered_on > @YearAgo) as year_amount,
                   (count(*) filter (where ordered_on > @YearAgo))::int as year_orders,
                   max(ordered_on) as last_order_on,
                   (count(*) filter (where ordered_on > @NinetyDaysAgo))::int as orders_90
            from orders where customer_id = c.id) o
        where c.deleted_at is null and (@CustomerId::bigint is null or c.id = @CustomerId)
        """;

    private const string HistorySql = """
        insert into tier_history (customer_id, from_tier, to_tier, reason, changed_at)
        select c.id, c.tier, u.tier, u.reason, @At
        from unnest(@Ids, @Tiers, @Reasons) as u(id, tier, reason) join customers c on c.id = u.id
        where c.tier is distinct from u.tier
        """;

    private const string UpdateSql = """
        update customers c set tier = u.tier, tier_computed_at = @At, rfm_r = u.r, rfm_f = u.f, rfm_m = u.m,
                               rfm_segment = u.segment, value_quadrant = u.quadrant
        from unnest(@Ids, @Tiers, @Rs, @Fs, @Ms, @Segments, @Quadrants) as u(id, tier, r, f, m, segment, quadrant)
        where c.id = u.id
        """;

    private sealed class FactsRow
    {
        public long CustomerId { get; init; }

        public string Name { get; init; } = "";

        public long? OwnerId { get; init; }

        public string? CurrentTier { get; init; }

        public string Stage { get; init; } = "";

        public decimal YearAmount { get; init; }

        public int YearOrders { get; init; }

        public DateTime? LastOrderOn { get; init; }

        public DateTime? LastInteractionOn { get; init; }

        public string? Size { get; init; }

        public bool Strategic { get; init; }

        public bool GrowthFlag { get; init; }

        public int OrdersLast90Days { get; init; }
    }

    public async Task<IReadOnlyList<CustomerFacts>> LoadFactsAsync(DateOnly today, long? customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<FactsRow>(new CommandDefinition(FactsSql,
            new { YearAgo = today.AddYears(-1), NinetyDaysAgo = today.AddDays(-90), CustomerId = customerId }, cancellationToken: ct, commandTimeout: 300));
        return [.. rows.Select(r => new CustomerFacts(
            r.CustomerId, r.Name, r.OwnerId, r.CurrentTier is null ? null : Enum.Parse<CustomerTier>(r.CurrentTier.Trim()), FunnelStages.FromCode(r.Stage),
            r.YearAmount, r.YearOrders, r.LastOrderOn is { } o ? DateOnly.FromDateTime(o) : null,
            r.LastInteractionOn is { } i ? DateOnly.FromDateTime(i) : null, r.Size, r.Strategic, r.GrowthFlag, r.OrdersLast90Days))];
    }

    public async Task<int> SaveAsync(IReadOnlyList<TierVerdict> verdicts, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var args = new
        {
            Ids = verdicts.Select(v => v.CustomerId).ToArray(),
            Tiers = verdicts.Select(v => v.Assessment.Tier.ToString()).ToArray(),
            Reasons = verdicts.Select(v => string.Join("，", v.Assessment.Reasons)).ToArray(),
            Rs = verdicts.Select(v => (short)v.Assessment.Rfm.Recency).ToArray(),
            Fs = verdicts.Select(v => (short)v.Assessment.Rfm.Frequency).ToArray(),
            Ms = verdicts.Select(v => (short)v.Assessment.Rfm.Monetary).ToArray(),
            Segments = verdicts.Select(v => v.Assessment.Segment).ToArray(),
            Quadrants = verdicts.Select(v => v.Assessment.Quadrant).ToArray(),
            At = at.ToUniversalTime(),
        };
        var changed = await connection.ExecuteAsync(new CommandDefinition(HistorySql, args, tx, cancellationToken: ct, commandTimeout: 300));
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        await OwnTransaction.CommitAsync(tx, ct);
        return changed;
    }
}
