using System.Collections.Frozen;
using System.Reflection;

namespace Bot.Conversations.Understanding.Text;

/// <summary>
/// Character facts generated from Debian's OpenCC and Unicode's Unihan (`scripts/make-text-tables`): every
/// traditional character OpenCC simplifies, and each character's Mandarin reading without tone, for telling a
/// homophone slip in a name (星晨 for 星辰) from a different name.
/// </summary>
public static class ChineseCharacters
{
    private static readonly FrozenDictionary<char, char> Simplified = Load("traditional-simplified.txt").ToFrozenDictionary(l => l[0], l => l[1]);

    private static readonly FrozenDictionary<char, string> Readings = Load("pinyin.txt").ToFrozenDictionary(l => l[0], l => l[1..]);

    public static char ToSimplified(char c) => Simplified.GetValueOrDefault(c, c);

    public static bool SoundAlike(char a, char b) =>
        a == b || (Readings.TryGetValue(a, out var x) && Readings.TryGetValue(b, out var y) && x == y);

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff' or >= '\u3400' and <= '\u4dbf';

    internal static IEnumerable<string> Load(string table)
    {
        using var stream = typeof(ChineseCharacters).Assembly.GetManifestResourceStream("Understanding.Tables." + table)
            ?? throw new InvalidOperationException($"table {table} is not embedded");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 1 && line[0] != '#')
                lines.Add(line);
        }
        return lines;
    }
}
