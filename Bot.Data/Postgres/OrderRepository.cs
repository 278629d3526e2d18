using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class OrderRepository(NpgsqlDataSource dataSource) : IOrderRepository
{
    private const string InsertSql = """
        insert into orders (customer_id, ordered_on, amount) values (@CustomerId, @OrderedOn, @Amount)
        returning id, customer_id, ordered_on, amount
        """;

    private const string ListSinceSql = """
        select id, customer_id, ordered_on, amount from orders
        where customer_id = @CustomerId and ordered_on >= @Since
        order by ordered_on desc, id desc
        """;

    private const string DeleteSql = "delete from orders where id = @Id";

    public async Task<Order> AddAsync(long customerId, DateOnly orderedOn, decimal amount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<Order>(new CommandDefinition(InsertSql,
            new { CustomerId = customerId, OrderedOn = orderedOn, Amount = amount }, cancellationToken: ct));
    }

    public async Task DeleteAsync(long id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Order>> ListSinceAsync(long customerId, DateOnly since, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Order>(new CommandDefinition(ListSinceSql, new { CustomerId = customerId, Since = since }, cancellationToken: ct));
        return [.. rows];
    }
}
