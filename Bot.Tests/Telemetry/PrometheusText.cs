using System.Globalization;

namespace Bot.Tests.Telemetry;

/// <summary>Just enough of the Prometheus text format to read numbers back: sums of the samples of one metric.</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum over the samples named <paramref name="name"/> whose labels contain every one of <paramref name="labels"/> (like <c>decision="act"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        Samples().Where(s => s.Name == name && labels.All(l => s.Labels.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public bool Has(string name) => Samples().Any(s => s.Name == name);

    private IEnumerable<(string Name, string Labels, double Value)> Samples()
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf('}') is var close and >= 0 ? line.IndexOf(' ', close) : line.IndexOf(' ', StringComparison.Ordinal);
            var name = line[..(brace >= 0 && brace < space ? brace : space)];
            var labels = brace >= 0 && brace < space ? line[brace..space] : "";
            var value = line[(space + 1)..].Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                yield return (name, labels, number);
        }
    }
}
