using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class CustomerQueries(NpgsqlDataSource dataSource) : ICustomerQueries
{
    private const string ListSql = """
        select c.id, coalesce(c.short_name, c.legal_name) as name, c.stage, c.tier, c.industry, u.name as owner_name,
               (select max(i.occurred_at) from interactions i where i.customer_id = c.id) as last_touch_at,
               (select count(*) from reminders r where r.customer_id = c.id and r.status = 'open' and r.due_at < @Now)::int as overdue_follow_ups
        from customers c left join users u on u.id = c.owner_id
        where c.deleted_at is null
          and (@AllOwners or c.owner_id = any(@OwnerIds))
          and (@Tier::text is null or c.tier = @Tier)
          and (@Stage::text is null or c.stage = @Stage)
          and (@Industry::text is null or c.industry = @Industry)
          and (not @OverdueOnly or exists (select 1 from reminders r where r.customer_id = c.id and r.status = 'open' and r.due_at < @Now))
        order by c.tier nulls last, c.stage, c.legal_name
        limit @Limit
        """;

    private const string RecentSql = """
        select customer_id from interactions where rep_id = @RepId
        group by customer_id order by max(occurred_at) desc limit @Limit
        """;

    private const string IndustriesSql = "select distinct industry from customers where industry is not null and deleted_at is null";

    private const string OptOutCustomerSql = """
        update customers set care_opted_out_at = @At, care_opt_out_source = @Source, updated_at = now() where id = @CustomerId;
        insert into audit_log (action, entity, entity_id, detail) values ('care_opt_out', 'customers', @CustomerId, jsonb_build_object('source', @Source));
        """;

    private const string OptOutContactSql = """
        update contacts set care_opted_out_at = @At, care_opt_out_source = @Source, updated_at = now() where id = @ContactId;
        insert into audit_log (action, entity, entity_id, detail) values ('care_opt_out', 'contacts', @ContactId, jsonb_build_object('source', @Source));
        """;

    private sealed record Row(long Id, string Name, string Stage, string? Tier, string? Industry, string? OwnerName, DateTime? LastTouchAt, int OverdueFollowUps);

    public async Task<IReadOnlyList<CustomerSummary>> ListAsync(IReadOnlySet<long>? ownerIds, CustomerFilter filter, DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new
        {
            AllOwners = ownerIds is null,
            OwnerIds = ownerIds?.ToArray() ?? [],
            Tier = filter.Tier?.ToString(),
            Stage = filter.Stage?.Code(),
            filter.Industry,
            filter.OverdueOnly,
            Now = now.ToUniversalTime(),
            Limit = limit,
        }, cancellationToken: ct));
        return [.. rows.Select(r => new CustomerSummary(r.Id, r.Name, FunnelStages.FromCode(r.Stage), r.Tier is null ? null : Enum.Parse<CustomerTier>(r.Tier),
            r.Industry, r.OwnerName, r.LastTouchAt is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null, r.OverdueFollowUps))];
    }

    public async Task<IReadOnlyList<long>> RecentlyTouchedAsync(long repId, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<long>(new CommandDefinition(RecentSql, new { RepId = repId, Limit = limit }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<string>> IndustriesAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(IndustriesSql, cancellationToken: ct))];
    }

    public async Task OptOutAsync(long customerId, long? contactId, string source, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(contactId is null ? OptOutCustomerSql : OptOutContactSql,
            new { CustomerId = customerId, ContactId = contactId, Source = source, At = at.ToUniversalTime() }, cancellationToken: ct));
    }
}
