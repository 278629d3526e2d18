using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class ChurnQueries(NpgsqlDataSource dataSource) : IChurnQueries
{
    // The usual ordering rhythm is the mean gap between the customer's orders (at least three), from columns the
    // orders trigger keeps current. @Ids (null: everyone) narrows the aggregates too, so re-judging a few customers
    // reads only their rows.
    private const string FactsSql = """
        with complaints as (
            select customer_id, count(*)::int as n from interactions
            where 'complaint' = any (objections) and occurred_at > @Today::date - 30
              and (@Ids::bigint[] is null or customer_id = any(@Ids)) group by customer_id),
        removed as (
            select customer_id, (max(wecom_removed_at) at time zone 'Asia/Shanghai')::date as removed_on
            from contacts where wecom_removed_at is not null and deleted_at is null
              and (@Ids::bigint[] is null or customer_id = any(@Ids)) group by customer_id)
        select c.id as customer_id, coalesce(c.short_name, c.legal_name) as name, c.owner_id, u.name as owner_name, c.stage,
               c.last_order_on,
               case when c.order_count >= 3 then (c.last_order_on - c.first_order_on)::float8 / (c.order_count - 1) end as usual_days_between_orders,
               (c.last_interaction_at at time zone 'Asia/Shanghai')::date as last_interaction_on,
               coalesce(k.n, 0) as complaints_last30_days, r.removed_on as removed_rep_on
        from customers c
        left join users u on u.id = c.owner_id
        left join complaints k on k.customer_id = c.id
        left join removed r on r.customer_id = c.id
        """;

    // Only customers with a reason to look at pass: the necessary condition of each ChurnRules signal.
    private const string CandidatesSql = FactsSql + """

        where c.deleted_at is null and c.stage <> 'lost'
          and (@AllOwners or c.owner_id = any(@OwnerIds))
          and (r.removed_on is not null or k.n > 0 or c.last_order_on <= @Today::date - 90
               or (c.order_count >= 3 and c.last_order_on < @Today::date - 30
                   and (@Today::date - c.last_order_on) > 2 * (c.last_order_on - c.first_order_on)::float8 / (c.order_count - 1))
               or (c.stage <> 'lead' and (c.last_interaction_at is null or c.last_interaction_at <= @Today::date - 59)))
        """;

    private const string ByIdsSql = FactsSql + "\nwhere c.deleted_at is null and c.id = any(@Ids)";


    public async Task<IReadOnlyList<ChurnFacts>> CandidatesAsync(IReadOnlySet<long>? ownerIds, DateOnly today, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await CandidatesAsync(connection, null, ownerIds, today, ct);
    }

    internal static async Task<IReadOnlyList<ChurnFacts>> CandidatesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlySet<long>? ownerIds, DateOnly today, CancellationToken ct) =>
        Facts(await connection.QueryAsync<ChurnFactsRow>(new CommandDefinition(CandidatesSql,
            new { Today = today, AllOwners = ownerIds is null, OwnerIds = ownerIds?.ToArray() ?? [], Ids = (long[]?)null }, tx, cancellationToken: ct, commandTimeout: 300)));

    /// <summary>Facts of these customers whatever they show; deleted ones are left out.</summary>
    internal static async Task<IReadOnlyList<ChurnFacts>> FactsAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlyCollection<long> ids, DateOnly today, CancellationToken ct) =>
        Facts(await connection.QueryAsync<ChurnFactsRow>(new CommandDefinition(ByIdsSql, new { Today = today, Ids = ids.ToArray() }, tx, cancellationToken: ct)));

    private static IReadOnlyList<ChurnFacts> Facts(IEnumerable<ChurnFactsRow> rows) =>
        [.. rows.Select(r => r.ToFacts())];
}
