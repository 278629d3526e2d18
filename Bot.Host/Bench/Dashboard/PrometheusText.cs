using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Bench.Dashboard;

/// <summary>One sample of a scrape: the metric, its labels, its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, string LabelText, double Value);

/// <summary>Just enough of the Prometheus text format to read our own /metrics back (the dashboard benchmark and the tests).</summary>
public sealed partial class PrometheusText
{
    [GeneratedRegex("""(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Label();

    public PrometheusText(string text)
    {
        Text = text;
        Samples = [.. Parse(text)];
    }

    public string Text { get; }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>The sum over the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (written <c>decision="act"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.LabelText.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    private static IEnumerable<PrometheusSample> Parse(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var open = line.IndexOf('{', StringComparison.Ordinal);
            var close = line.LastIndexOf('}');
            var nameEnd = open >= 0 ? open : line.IndexOf(' ', StringComparison.Ordinal);
            var labelText = open >= 0 && close > open ? line[open..(close + 1)] : "";
            var rest = line[((open >= 0 && close > open ? close + 1 : nameEnd) + 1)..].Trim().Split(' ')[0];
            if (nameEnd <= 0 || !double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                continue;
            var labels = Label().Matches(labelText).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
            yield return new PrometheusSample(line[..nameEnd], labels, labelText, value);
        }
    }
}
