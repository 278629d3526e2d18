namespace Bot.Conversations.Tiering;

public sealed record TierVerdict(long CustomerId, TierAssessment Assessment);

public interface ITierStore
{
    /// <summary>Facts for every live customer (or just one), with "today" deciding the twelve-month and ninety-day windows.</summary>
    Task<IReadOnlyList<CustomerFacts>> LoadFactsAsync(DateOnly today, long? customerId, CancellationToken ct);

    /// <summary>Stores the verdicts and records a history row for each changed tier; returns how many tiers changed.</summary>
    Task<int> SaveAsync(IReadOnlyList<TierVerdict> verdicts, DateTimeOffset at, CancellationToken ct);
}
