namespace Bot.Conversations.Customers;

public sealed record CustomerFilter(CustomerTier? Tier = null, FunnelStage? Stage = null, string? Industry = null, bool OverdueOnly = false);

public sealed record CustomerSummary(
    long Id, string Name, FunnelStage Stage, CustomerTier? Tier, string? Industry, string? OwnerName, DateTimeOffset? LastTouchAt, int OverdueFollowUps);

/// <summary>Read models for lists and snapshots; <c>ownerIds</c> null means every owner.</summary>
public interface ICustomerQueries
{
    Task<IReadOnlyList<CustomerSummary>> ListAsync(IReadOnlySet<long>? ownerIds, CustomerFilter filter, DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>The rep's most recently touched customers: offered as choices when a message names none.</summary>
    Task<IReadOnlyList<long>> RecentlyTouchedAsync(long repId, int limit, CancellationToken ct);

    Task<IReadOnlyList<string>> IndustriesAsync(CancellationToken ct);

    /// <summary>Stops care messages to the whole customer, or to one contact; records when and why.</summary>
    Task OptOutAsync(long customerId, long? contactId, string source, DateTimeOffset at, CancellationToken ct);
}
