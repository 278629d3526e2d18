namespace Bot.Conversations.Customers;

public interface ICustomerRepository
{
    Task<Customer?> GetAsync(long id, CancellationToken ct);

    Task<Customer> AddAsync(NewCustomer customer, long? actorId, CancellationToken ct);

    /// <summary>Live (not deleted) customers owned by any of <paramref name="ownerIds"/>, by name.</summary>
    Task<IReadOnlyList<Customer>> ListByOwnersAsync(IReadOnlyCollection<long> ownerIds, CancellationToken ct);

    /// <summary>Moves the customer to <paramref name="stage"/> and records the change; a no-op when it is already there.</summary>
    Task<bool> ChangeStageAsync(long customerId, FunnelStage stage, long? actorId, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Undoes the last stage change: the customer is back in <paramref name="stage"/> since <paramref name="since"/>, and
    /// the history entry the change wrote is gone, so reports never see it.
    /// </summary>
    Task RevertStageAsync(long customerId, FunnelStage stage, DateTimeOffset since, CancellationToken ct);

    /// <summary>Removes a customer created moments ago (undo of 新建客户), with its contacts.</summary>
    Task DeleteCreatedAsync(long customerId, CancellationToken ct);

    /// <summary>Marks the customer deleted (its name becomes free again); used by deletion requests.</summary>
    Task<bool> SoftDeleteAsync(long customerId, DateTimeOffset at, CancellationToken ct);

    Task<Contact> AddContactAsync(NewContact contact, CancellationToken ct);

    Task<IReadOnlyList<Contact>> ListContactsAsync(long customerId, CancellationToken ct);
}
