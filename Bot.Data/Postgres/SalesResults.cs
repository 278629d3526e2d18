using Bot.Conversations.Customers;
using Bot.Conversations.Targets;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class SalesResults(NpgsqlDataSource dataSource) : ISalesResults
{
    // A deleted or erased customer's open deals are deleted with it, so open deals need no look-up of their customer;
    // its won deals were signed and still count.
    private const string SignedSql = """
        select owner_id, coalesce(sum(amount), 0) as amount, count(*)::int as deals
        from deals
        where stage = 'won' and closed_at >= @Start and closed_at < @End and owner_id is not null
          and (@AllOwners or owner_id = any(@OwnerIds))
        group by owner_id
        """;

    private const string OpenSql = """
        select stage, count(*)::int as deals, coalesce(sum(amount), 0) as amount,
               (count(*) filter (where expected_close < @Before))::int as closing_deals,
               coalesce(sum(amount) filter (where expected_close < @Before), 0) as closing_amount,
               (count(*) filter (where expected_close is null))::int as undated
        from deals
        where closed_at is null and (@AllOwners or owner_id = any(@OwnerIds))
        group by stage
        """;

    private const string ClosingDealsSql = """
        select d.id as deal_id, coalesce(c.short_name, c.legal_name) as customer, d.title, coalesce(u.name, '') as owner,
               d.amount, d.expected_close, d.stage
        from deals d join customers c on c.id = d.customer_id left join users u on u.id = d.owner_id
        where d.closed_at is null and d.expected_close < @Before and (@AllOwners or d.owner_id = any(@OwnerIds))
        order by d.expected_close, d.amount desc nulls last, d.id
        limit @Most
        """;

    private sealed record OpenRow(string Stage, int Deals, decimal Amount, int ClosingDeals, decimal ClosingAmount, int Undated);

    private sealed record DealRow(long DealId, string Customer, string Title, string Owner, decimal? Amount, DateOnly? ExpectedClose, string Stage);

    public async Task<IReadOnlyList<SignedTotal>> SignedAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var args = new { AllOwners = ownerIds is null, OwnerIds = ownerIds?.ToArray() ?? [], Start = from.UtcDateTime, End = until.UtcDateTime };
        var rows = await dataSource.ReadAsync(c => c.QueryAsync<SignedTotal>(new CommandDefinition(SignedSql, args, cancellationToken: ct)), ct);
        return [.. rows];
    }

    public async Task<PipelineFigures> PipelineAsync(IReadOnlySet<long>? ownerIds, DateOnly closingBefore, int most, CancellationToken ct)
    {
        var args = new { AllOwners = ownerIds is null, OwnerIds = ownerIds?.ToArray() ?? [], Before = closingBefore, Most = most };
        var openRows = dataSource.ReadAsync(c => c.QueryAsync<OpenRow>(new CommandDefinition(OpenSql, args, cancellationToken: ct)), ct);
        var dealRows = dataSource.ReadAsync(c => c.QueryAsync<DealRow>(new CommandDefinition(ClosingDealsSql, args, cancellationToken: ct)), ct);
        var open = (await openRows).ToList();
        var deals = await dealRows;
        return new PipelineFigures(
            [.. open.Select(r => new StageSum(FunnelStages.FromCode(r.Stage), r.Deals, r.Amount))],
            [.. open.Select(r => new StageSum(FunnelStages.FromCode(r.Stage), r.ClosingDeals, r.ClosingAmount))],
            open.Sum(r => r.Undated),
            [.. deals.Select(d => new OpenDealLine(d.DealId, d.Customer, d.Title, d.Owner, d.Amount, d.ExpectedClose, FunnelStages.FromCode(d.Stage)))]);
    }
}
