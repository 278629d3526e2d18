namespace Bot.Conversations.Understanding.Model;

/// <summary>
/// The features of a <see cref="ModelText"/>: every character 1- to 4-gram (with start and end marks) and every
/// word and word pair, counted and scaled to unit length, over the vocabulary seen in training. Computed here rather
/// than by ML.NET's text featuriser, whose prediction engine cost more than everything else a message needs;
/// ML.NET still learns the weights from exactly these vectors. A gram is looked up by a 64-bit key (a character
/// gram packed, a word gram hashed), so reading a message allocates no strings.
/// </summary>
public sealed class TextFeatures
{
    private const char Start = '\u0002';
    private const char End = '\u0003';
    private const string WordMark = "\u0001";

    private readonly Dictionary<string, int> _index;
    private readonly Dictionary<ulong, int> _keys = [];

    private TextFeatures(Dictionary<string, int> index)
    {
        _index = index;
        foreach (var (gram, at) in index)
            _keys[Key(gram)] = at;
    }

    public int Count => _index.Count;

    /// <summary>
    /// The grams seen in at least <paramref name="minimumMessages"/> of <paramref name="texts"/>, in order of first appearance
    /// (so the same texts give the same indices). A gram only one message has teaches nothing that carries over.
    /// </summary>
    public static TextFeatures Learn(IEnumerable<string> texts, int minimumMessages = 2)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var text in texts)
        {
            foreach (var gram in Grams(text).Distinct())
            {
                if (seen.TryGetValue(gram, out var count))
                    seen[gram] = count + 1;
                else
                {
                    seen[gram] = 1;
                    order.Add(gram);
                }
            }
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in order.Where(g => seen[g] >= minimumMessages))
            index[gram] = index.Count;
        return new TextFeatures(index);
    }

    public static TextFeatures Read(TextReader reader)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            index.TryAdd(Unescape(line), index.Count);
        return new TextFeatures(index);
    }

    public void Write(TextWriter writer)
    {
        foreach (var gram in _index.OrderBy(kv => kv.Value).Select(kv => kv.Key))
            writer.WriteLine(Escape(gram));
    }

    /// <summary>The sparse unit-length vector: indices ascending, values beside them.</summary>
    public (int[] Indices, float[] Values) Of(string text)
    {
        var found = new List<int>(4 * text.Length);
        var marked = string.Concat(Start.ToString(), text, End.ToString()).AsSpan();
        for (var n = 1; n <= 4; n++)
        {
            for (var i = 0; i + n <= marked.Length; i++)
                Tally(found, marked.Slice(i, n));
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Span<char> buffer = stackalloc char[256];
        for (var i = 0; i < words.Length; i++)
        {
            Tally(found, Word(buffer, words[i], null));
            if (i + 1 < words.Length)
                Tally(found, Word(buffer, words[i], words[i + 1]));
        }
        found.Sort();
        var indices = new List<int>(found.Count);
        var values = new List<float>(found.Count);
        foreach (var at in found)
        {
            if (indices.Count > 0 && indices[^1] == at)
                values[^1]++;
            else
            {
                indices.Add(at);
                values.Add(1);
            }
        }
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return ([.. indices], [.. values.Select(v => v / norm)]);
    }

    private void Tally(List<int> found, ReadOnlySpan<char> gram)
    {
        if (gram.Length > 0 && _keys.TryGetValue(Key(gram), out var at))
            found.Add(at);
    }

    /// <summary>A character gram of up to three characters packed as it is; a longer or word gram hashed (FNV-1a).</summary>
    private static ulong Key(ReadOnlySpan<char> gram)
    {
        if (gram.Length <= 3 && gram[0] != WordMark[0])
        {
            var key = (ulong)gram.Length << 60;
            for (var i = 0; i < gram.Length; i++)
                key |= (ulong)gram[i] << (16 * (2 - i));
            return key;
        }
        var hash = 14695981039346656037UL;
        foreach (var c in gram)
            hash = (hash ^ c) * 1099511628211UL;
        return (hash & 0x0FFF_FFFF_FFFF_FFFFUL) | (0xFUL << 60);
    }

    private static ReadOnlySpan<char> Word(Span<char> buffer, string first, string? second)
    {
        var length = 1 + first.Length + (second is null ? 0 : 1 + second.Length);
        if (length > buffer.Length)
            return [];
        buffer[0] = WordMark[0];
        first.AsSpan().CopyTo(buffer[1..]);
        if (second is not null)
        {
            buffer[1 + first.Length] = ' ';
            second.AsSpan().CopyTo(buffer[(2 + first.Length)..]);
        }
        return buffer[..length];
    }

    private static IEnumerable<string> Grams(string text)
    {
        var marked = Start + text + End;
        for (var n = 1; n <= 4; n++)
        {
            for (var i = 0; i + n <= marked.Length; i++)
                yield return marked.Substring(i, n);
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            yield return WordMark + words[i];
            if (i + 1 < words.Length)
                yield return WordMark + words[i] + " " + words[i + 1];
        }
    }

    // One gram per line: the marks and any line break inside a gram are written as escapes.
    private static string Escape(string gram) => gram.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\u0001", "\\w", StringComparison.Ordinal)
        .Replace("\u0002", "\\s", StringComparison.Ordinal).Replace("\u0003", "\\e", StringComparison.Ordinal);

    private static string Unescape(string line)
    {
        var text = new System.Text.StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] != '\\' || i + 1 == line.Length)
            {
                text.Append(line[i]);
                continue;
            }
            text.Append(line[++i] switch { 'n' => '\n', 'r' => '\r', 'w' => '\u0001', 's' => '\u0002', 'e' => '\u0003', var c => c });
        }
        return text.ToString();
    }
}
