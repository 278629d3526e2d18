using Bot.Conversations.Customers;
using Bot.Conversations.Deals;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class DealRepository(NpgsqlDataSource dataSource) : IDealRepository
{
    private const string Columns = "id, customer_id, owner_id, title, amount, expected_close, stage, closed_at, updated_at";

    private const string InsertSql = $"""
        insert into deals (customer_id, owner_id, title, amount, expected_close, stage, closed_at, created_by, inbound_message_id, created_at, updated_at)
        values (@CustomerId, @OwnerId, @Title, @Amount, @ExpectedClose, @Stage, @ClosedAt, @CreatedBy, @InboundMessageId, @At, @At)
        returning {Columns}
        """;

    private const string GetSql = $"select {Columns} from deals where id = @Id";

    private const string ListSql = $"""
        select {Columns} from deals where customer_id = @CustomerId
        order by closed_at is not null, coalesce(closed_at, updated_at) desc, id desc
        """;

    // A move into won or lost closes the deal now; a move back into an open stage reopens it.
    private const string ChangeSql = $"""
        update deals d set
            amount = coalesce(@Amount, d.amount),
            expected_close = coalesce(@ExpectedClose, d.expected_close),
            stage = coalesce(@Stage, d.stage),
            closed_at = case when @Stage is null then d.closed_at
                             when @Stage in ('won', 'lost') then coalesce(case when d.stage = @Stage then d.closed_at end, @At)
                             else null end,
            updated_at = @At
        from (select {Columns} from deals where id = @Id for update) before
        where d.id = before.id
        returning before.id, before.customer_id, before.owner_id, before.title, before.amount, before.expected_close, before.stage, before.closed_at, before.updated_at
        """;

    private const string RestoreSql = """
        update deals set amount = @Amount, expected_close = @ExpectedClose, stage = @Stage, closed_at = @ClosedAt, updated_at = @UpdatedAt
        where id = @Id
        """;

    private const string DeleteSql = "delete from deals where id = @Id";

    private sealed record DealRow(long Id, long CustomerId, long? OwnerId, string Title, decimal? Amount, DateOnly? ExpectedClose, string Stage, DateTime? ClosedAt, DateTime UpdatedAt)
    {
        public Deal ToDeal() => new(Id, CustomerId, OwnerId, Title, Amount, ExpectedClose, FunnelStages.FromCode(Stage),
            ClosedAt is { } closed ? new DateTimeOffset(DateTime.SpecifyKind(closed, DateTimeKind.Utc)) : null,
            new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)));
    }

    public async Task<Deal> AddAsync(NewDeal deal, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var closed = deal.Stage is FunnelStage.Won or FunnelStage.Lost;
        return (await connection.QuerySingleAsync<DealRow>(new CommandDefinition(InsertSql, new
        {
            deal.CustomerId, deal.OwnerId, deal.Title, deal.Amount, deal.ExpectedClose, Stage = deal.Stage.Code(),
            ClosedAt = closed ? at.UtcDateTime : (DateTime?)null, deal.CreatedBy, deal.InboundMessageId, At = at.UtcDateTime,
        }, cancellationToken: ct))).ToDeal();
    }

    public async Task<Deal?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<DealRow>(new CommandDefinition(GetSql, new { Id = id }, cancellationToken: ct)))?.ToDeal();
    }

    public async Task<IReadOnlyList<Deal>> ListForCustomerAsync(long customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<DealRow>(new CommandDefinition(ListSql, new { CustomerId = customerId }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToDeal())];
    }

    public async Task<Deal> ChangeAsync(long id, DealChange change, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var before = await connection.QuerySingleOrDefaultAsync<DealRow>(new CommandDefinition(ChangeSql, new
        {
            Id = id, change.Amount, change.ExpectedClose, Stage = change.Stage?.Code(), At = at.UtcDateTime,
        }, cancellationToken: ct));
        return before?.ToDeal() ?? throw new InvalidOperationException($"deal {id} does not exist");
    }

    public async Task RestoreAsync(Deal previous, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RestoreSql, new
        {
            previous.Id, previous.Amount, previous.ExpectedClose, Stage = previous.Stage.Code(),
            ClosedAt = previous.ClosedAt?.UtcDateTime, UpdatedAt = previous.UpdatedAt.UtcDateTime,
        }, cancellationToken: ct));
    }

    public async Task DeleteAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: ct));
    }
}
