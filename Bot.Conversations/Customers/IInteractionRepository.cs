namespace Bot.Conversations.Customers;

public interface IInteractionRepository
{
    /// <summary>Adds the interaction; for a message already logged (same inbound message) returns the existing one.</summary>
    Task<Interaction> AddAsync(NewInteraction interaction, CancellationToken ct);

    Task<bool> DeleteAsync(long id, CancellationToken ct);

    Task<IReadOnlyList<Interaction>> ListRecentAsync(long customerId, int count, CancellationToken ct);
}
