namespace Bot.Conversations.Deals;

public interface IDealRepository
{
    Task<Deal> AddAsync(NewDeal deal, DateTimeOffset at, CancellationToken ct);

    Task<Deal?> GetAsync(long id, CancellationToken ct);

    /// <summary>The customer's deals, open ones first, then the latest closed, newest first within each.</summary>
    Task<IReadOnlyList<Deal>> ListForCustomerAsync(long customerId, CancellationToken ct);

    /// <summary>
    /// Applies <paramref name="change"/>; moving to won or lost closes the deal at <paramref name="at"/>, moving back to
    /// an open stage reopens it. Returns the deal as it was, which <see cref="RestoreAsync"/> puts back.
    /// </summary>
    Task<Deal> ChangeAsync(long id, DealChange change, DateTimeOffset at, CancellationToken ct);

    /// <summary>Puts a deal back exactly as it was before a change (undo).</summary>
    Task RestoreAsync(Deal previous, CancellationToken ct);

    /// <summary>Removes a deal created from chat moments ago (undo).</summary>
    Task DeleteAsync(long id, CancellationToken ct);
}
