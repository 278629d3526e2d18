namespace Bot.Conversations.Churn;

public interface IChurnQueries
{
    /// <summary>Facts for the live, not-lost customers of the given owners (null: everyone's) that show at least one signal.</summary>
    Task<IReadOnlyList<ChurnFacts>> CandidatesAsync(IReadOnlySet<long>? ownerIds, DateOnly today, CancellationToken ct);
}
