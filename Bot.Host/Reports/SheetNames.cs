namespace Bot.Host.Reports;

/// <summary>Sheet names Excel accepts: at most 31 characters, none of []:*?/\, no apostrophe at either end, unique.</summary>
internal static class SheetNames
{
    private const int MaxLength = 31;
    private static readonly char[] Forbidden = ['[', ']', ':', '*', '?', '/', '\\'];

    public static List<string> Sanitise(IEnumerable<string> names)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<string>();
        foreach (var name in names)
        {
            var clean = Clean(name, result.Count + 1);
            var unique = clean;
            for (var n = 2; !taken.Add(unique); n++)
            {
                var suffix = $"({n})";
                unique = Cut(clean, MaxLength - suffix.Length) + suffix;
            }
            result.Add(unique);
        }
        return result;
    }

    private static string Clean(string name, int position)
    {
        var replaced = new string([.. name.Select(c => Forbidden.Contains(c) || char.IsControl(c) ? '_' : c)]);
        var clean = Cut(replaced.Trim(), MaxLength).Trim('\'').Trim();
        // Excel keeps "History" for its change tracking and will not open a workbook with a sheet of that name.
        return clean.Length == 0 || clean.Equals("History", StringComparison.OrdinalIgnoreCase) ? $"Sheet{position}" : clean;
    }

    // Never between the two halves of a surrogate pair, which would leave a broken character.
    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
            return text;
        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
