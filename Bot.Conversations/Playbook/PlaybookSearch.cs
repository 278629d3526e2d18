using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// Picks scripts for an objection: entries of that category first (the built-in ones and the company's imported
/// guide passages tagged with it), ranked by bigram BM25 against the rep's words; general passages only fill up.
/// </summary>
public sealed class PlaybookSearch(IPlaybookStore store)
{
    public async Task<IReadOnlyList<PlaybookEntry>> BestAsync(Objection objection, string query, int take, CancellationToken ct)
    {
        var entries = DefaultPlaybook.Entries.Concat(await store.ListAsync(ct)).ToList();
        var category = PlaybookEntry.CategoryOf(objection);
        var inCategory = entries.Where(e => e.Category == category).ToList();
        var ranked = new BigramIndex(inCategory.Select(e => (e, e.Title + e.Body))).Search(query, take).Select(r => r.Item).ToList();
        // Built-in scripts of the category always qualify, even when the rep's words share no pair with them.
        foreach (var builtIn in inCategory.Where(e => DefaultPlaybook.Entries.Contains(e) && !ranked.Contains(e)))
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
