namespace Bot.Conversations.Playbook;

/// <summary>
/// BM25 over overlapping character pairs, the terms Lucene's own CJK analysis (CJKBigramFilter) indexes Chinese by.
/// Word segmenters do restore here (jieba.NET cuts customer names; Lucene.Net's SmartCn is served too), but pairs need
/// no dictionary: a company's guides are full of product and trade words none has, and a pair ("太贵", "竞品", "预算")
/// matches whichever way a segmenter would have cut the rep's sentence. The index is built per question over one
/// objection category's entries, so an index library would bring a package and nothing the search lacks.
/// </summary>
public sealed class BigramIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly List<(PlaybookEntry Item, Dictionary<string, int> Terms, int Length)> _documents = [];
    private readonly Dictionary<string, int> _documentFrequency = [];
    private readonly double _averageLength;

    public BigramIndex(IEnumerable<(PlaybookEntry Item, string Text)> documents)
    {
        foreach (var (item, text) in documents)
        {
            var terms = Bigrams(text).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            _documents.Add((item, terms, Math.Max(1, terms.Values.Sum())));
            foreach (var term in terms.Keys)
                _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + 1;
        }
        _averageLength = _documents.Count == 0 ? 1 : _documents.Average(d => d.Length);
    }

    public IReadOnlyList<(PlaybookEntry Item, double Score)> Search(string query, int take)
    {
        var terms = Bigrams(query).Distinct().ToList();
        var n = _documents.Count;
        return [.. _documents
            .Select(d => (d.Item, Score: terms.Sum(t =>
            {
                if (!d.Terms.TryGetValue(t, out var tf))
                    return 0;
                var df = _documentFrequency[t];
                var idf = Math.Log(1 + (n - df + 0.5) / (df + 0.5));
                return idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * d.Length / _averageLength));
            })))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .Take(take)];
    }

    public static IEnumerable<string> Bigrams(string text)
    {
        var chars = text.Where(c => !char.IsWhiteSpace(c) && !char.IsPunctuation(c)).Select(char.ToLowerInvariant).ToArray();
        for (var i = 0; i + 1 < chars.Length; i++)
            yield return new string([chars[i], chars[i + 1]]);
    }
}
