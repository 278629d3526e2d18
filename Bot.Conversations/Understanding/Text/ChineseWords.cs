using System.Collections.Frozen;
using JiebaNet.Segmenter;

namespace Bot.Conversations.Understanding.Text;

/// <summary>
/// jieba's Chinese dictionary (about 350,000 words with their frequencies) for cutting a customer's name into
/// words and telling a rare brand (广源) from an everyday word (东方, 阳光), and the list of China's places a
/// name may start with. The dictionary loads once per process (about a second), on first use.
/// </summary>
public static class ChineseWords
{
    /// <summary>A word this frequent in jieba's dictionary is an everyday word when it stands alone as a name (东方 yes, 博雅 no).</summary>
    public const int CommonFrequency = 1000;

    // One-character endings of institutions' names: 建材厂, 家具店, 律师事务所.
    private const string InstitutionEndings = "厂店行院所局馆园社部处站场";

    private static readonly Lazy<JiebaSegmenter> Segmenter = new(() =>
    {
        ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
        return new JiebaSegmenter();
    });

    private static readonly Lock CutLock = new();

    // Everyday nouns, verbal nouns and the like (食品 n, 培训 vn, 超市 v, 精密 a, 环保 j, 零部件 mq) from the same
    // dictionary file: the kinds of word a trade is made of, as opposed to names (博雅 nr, 华东 ns, 恒通 nz).
    private static readonly Lazy<FrozenSet<string>> TradeWords = new(LoadTradeWords);

    private static readonly FrozenSet<string> Places = ChineseCharacters.Load("regions.txt")
        .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToFrozenSet();

    public static IReadOnlyList<string> Cut(string text)
    {
        var segmenter = Segmenter.Value;
        lock (CutLock)
            return [.. segmenter.Cut(text, cutAll: false, hmm: true)];
    }

    public static int Frequency(string word)
    {
        _ = Segmenter.Value;
        return WordDictionary.Instance.GetFreqOrDefault(word);
    }

    public static bool IsCommon(string word) => Frequency(word) >= CommonFrequency;

    /// <summary>
    /// A trade or kind of business rather than a name: an everyday word, or one made of everyday words of two
    /// characters or more (精密机械 = 精密 + 机械, 建材厂 = 建材 + 厂). 广源 is not: its parts are single characters.
    /// </summary>
    public static bool IsTrade(string word) =>
        (word.Length == 1 && InstitutionEndings.Contains(word[0])) || TradeWords.Value.Contains(word) || TradeParts(word) is [_, _, ..];

    /// <summary>A compound trade word in its parts (网络科技 → 网络, 科技; 建材厂 → 建材, 厂); any other word as it is.</summary>
    public static IReadOnlyList<string> TradeParts(string word)
    {
        for (var cut = 2; cut <= word.Length - 1 && word.Length >= 3; cut++)
        {
            var tail = word[cut..];
            if (!TradeWords.Value.Contains(word[..cut]))
                continue;
            if (tail.Length == 1 ? InstitutionEndings.Contains(tail[0]) : TradeWords.Value.Contains(tail))
                return [word[..cut], tail];
            if (TradeParts(tail) is [_, _, ..] rest)
                return [word[..cut], .. rest];
        }
        return [word];
    }

    private static FrozenSet<string> LoadTradeWords()
    {
        string[] kinds = ["n", "vn", "v", "a", "j", "mq", "nt", "l", "an"];
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "jieba", "dict.txt")))
        {
            var parts = line.Split(' ');
            if (parts.Length == 3 && parts[0].Length >= 2 && int.TryParse(parts[1], out var frequency) && frequency >= 200 && kinds.Contains(parts[2].Trim()))
                words.Add(parts[0]);
        }
        return words.ToFrozenSet();
    }

    /// <summary>The place a name starts with (杭州, 浦东新区 → 浦东), or null.</summary>
    public static string? LeadingPlace(string name)
    {
        for (var length = Math.Min(5, name.Length - 2); length >= 2; length--)
        {
            var head = name[..length];
            if (IsPlace(head))
                return name.Length > length && name[length] is '市' or '省' or '区' or '县' && name.Length - length - 1 >= 2 ? head + name[length] : head;
        }
        return null;
    }
    /// <summary>A province, city or district (杭州, 浦东), with or without 省/市/区/县.</summary>
    public static bool IsPlace(string word) =>
        Places.Contains(word) || (word.Length > 2 && word[^1] is '省' or '市' or '区' or '县' && Places.Contains(word[..^1]));
}
