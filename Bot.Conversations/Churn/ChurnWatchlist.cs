namespace Bot.Conversations.Churn;

/// <summary>The customers at risk, most urgent first, for the churn list and the daily digest.</summary>
public sealed class ChurnWatchlist(IChurnFindings findings, IChurnQueries queries)
{
    /// <summary>The stored findings; before the day's scan has run (they are yesterday's) the live rows judged here.</summary>
    public async Task<ChurnPage> TopAsync(IReadOnlySet<long>? ownerIds, DateOnly today, int limit, CancellationToken ct) =>
        await findings.TopAsync(ownerIds, today, limit, ct) ?? Live(await queries.CandidatesAsync(ownerIds, today, ct), today, limit);

    /// <summary>The same page as the stored findings give, ranked here by <see cref="ChurnRules"/>.</summary>
    public static ChurnPage Live(IReadOnlyList<ChurnFacts> candidates, DateOnly today, int limit)
    {
        var ranked = candidates
            .Select(c => (Facts: c, Rank: ChurnRules.Rank(ChurnRules.Evaluate(c, today))))
            .Where(x => x.Rank is not null)
            .OrderBy(x => x.Rank!.Value, ChurnRank.MostUrgentFirst)
            .ThenBy(x => x.Facts.CustomerId)
            .ToList();
        return new ChurnPage(ranked.Count, [.. ranked.Take(limit).Select(x => x.Facts)]);
    }
}
