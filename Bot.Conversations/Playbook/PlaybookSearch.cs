using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// Picks scripts for an objection: entries of that category (the built-in ones and the company's imported guide
/// passages tagged with it), ranked by bigram BM25 against the rep's words. When the customer's stage is known,
/// passages tagged with it win close calls: their score counts <see cref="StageBoost"/> times.
/// </summary>
public sealed class PlaybookSearch(IPlaybookStore store)
{
    public const double StageBoost = 1.5;

    public async Task<IReadOnlyList<PlaybookEntry>> BestAsync(
        Objection objection, string query, int take, CancellationToken ct, FunnelStage? customerStage = null)
    {
        var entries = DefaultPlaybook.Entries.Concat(await store.ListAsync(ct)).ToList();
        var category = PlaybookEntry.CategoryOf(objection);
        var inCategory = entries.Where(e => e.Category == category).ToList();
        var preferred = customerStage is { } stage ? PlaybookStages.For(stage) : [];
        bool Suits(PlaybookEntry e) => e.Stages.Any(preferred.Contains);
        var ranked = new BigramIndex(inCategory.Select(e => (e, e.Title + e.Body))).Search(query, inCategory.Count)
            .OrderByDescending(r => Suits(r.Item) ? r.Score * StageBoost : r.Score)
            .Select(r => r.Item).Take(take).ToList();
        // Built-in scripts of the category always qualify, even when the rep's words share no pair with them.
        foreach (var builtIn in inCategory.Where(e => DefaultPlaybook.Entries.Contains(e) && !ranked.Contains(e)).OrderByDescending(Suits))
            ranked.Add(builtIn);
        return [.. ranked.Take(take)];
    }

    /// <summary>Every objection category a guide passage speaks to, or general when it speaks to none.</summary>
    public static IReadOnlyList<string> Categorise(string passage)
    {
        var objections = SalesVocabulary.ObjectionsIn(passage);
        return objections.Count > 0 ? [.. objections.Select(PlaybookEntry.CategoryOf)] : [PlaybookEntry.General];
    }
}
