namespace Bot.Conversations.Customers;

public interface IOrderRepository
{
    Task<Order> AddAsync(long customerId, DateOnly orderedOn, decimal amount, CancellationToken ct);

    /// <summary>Removes an order logged from chat (undo).</summary>
    Task DeleteAsync(long id, CancellationToken ct);

    /// <summary>Orders on or after <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<Order>> ListSinceAsync(long customerId, DateOnly since, CancellationToken ct);
}
