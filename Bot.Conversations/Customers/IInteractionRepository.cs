namespace Bot.Conversations.Customers;

public interface IInteractionRepository
{
    Task<Interaction> AddAsync(NewInteraction interaction, CancellationToken ct);

    Task<IReadOnlyList<Interaction>> ListRecentAsync(long customerId, int count, CancellationToken ct);
}
