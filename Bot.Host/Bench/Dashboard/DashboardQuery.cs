using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Bench.Dashboard;

/// <summary>A scrape and when it was taken.</summary>
public sealed record Scrape(DateTime At, PrometheusText Metrics);

/// <summary>
/// The three PromQL shapes docs/grafana-dashboard.json uses, evaluated over a list of scrapes the way Prometheus would
/// over its stored samples: a bare gauge; <c>sum by (…) (rate|increase(counter[w]))</c>; and
/// <c>histogram_quantile(q, sum by (le) (rate(histogram_bucket[w])))</c> with Prometheus' linear interpolation in the bucket.
/// Anything else is refused, so the picture never shows a query it did not really compute.
/// </summary>
public static partial class DashboardQuery
{
    [GeneratedRegex(@"^histogram_quantile\((?<q>[0-9.]+), sum by \(le\) \(rate\((?<name>\w+)\[(?<w>\d+[smhd])\]\)\)\)$")]
    private static partial Regex Quantile();

    [GeneratedRegex(@"^sum by \((?<by>[\w, ]+)\) \((?<fn>rate|increase)\((?<name>\w+)\[(?<w>\d+[smhd])\]\)\)$")]
    private static partial Regex SumOf();

    [GeneratedRegex(@"^\w+$")]
    private static partial Regex Gauge();

    [GeneratedRegex(@"\{\{(\w+)\}\}")]
    private static partial Regex LegendLabel();

    /// <summary>The series the expression yields at scrape <paramref name="at"/>: legend → value (NaN where Prometheus would have no point).</summary>
    public static IReadOnlyDictionary<string, double> Evaluate(string expr, string legendFormat, IReadOnlyList<Scrape> scrapes, int at)
    {
        var now = scrapes[at];
        if (Quantile().Match(expr) is { Success: true } q)
        {
            var buckets = Increases(q.Groups["name"].Value, Window(q.Groups["w"].Value), scrapes, at, ["le"]);
            return new Dictionary<string, double> { [legendFormat] = HistogramQuantile(double.Parse(q.Groups["q"].Value, CultureInfo.InvariantCulture), buckets) };
        }
        if (SumOf().Match(expr) is { Success: true } sum)
        {
            var by = sum.Groups["by"].Value.Split(',', StringSplitOptions.TrimEntries);
            var window = Window(sum.Groups["w"].Value);
            var increases = Increases(sum.Groups["name"].Value, window, scrapes, at, by);
            var seconds = Math.Min(window.TotalSeconds, (now.At - scrapes[Start(scrapes, at, window)].At).TotalSeconds);
            return increases.ToDictionary(
                g => Legend(legendFormat, by, g.Key),
                g => sum.Groups["fn"].Value == "rate" ? (seconds > 0 ? g.Value / seconds : double.NaN) : g.Value);
        }
        if (Gauge().IsMatch(expr))
            return now.Metrics.Samples.Where(s => s.Name == expr).ToDictionary(_ => legendFormat, s => s.Value);
        throw new NotSupportedException($"the dashboard renderer does not evaluate '{expr}'");
    }

    private static TimeSpan Window(string w) => w[^1] switch
    {
        's' => TimeSpan.FromSeconds(int.Parse(w[..^1], CultureInfo.InvariantCulture)),
        'm' => TimeSpan.FromMinutes(int.Parse(w[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(int.Parse(w[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromDays(int.Parse(w[..^1], CultureInfo.InvariantCulture)),
    };

    /// <summary>The earliest scrape inside the window ending at <paramref name="at"/> (the first scrape, for a window longer than the run).</summary>
    private static int Start(IReadOnlyList<Scrape> scrapes, int at, TimeSpan window)
    {
        var from = scrapes[at].At - window;
        var i = at;
        while (i > 0 && scrapes[i - 1].At >= from)
            i--;
        return i;
    }

    /// <summary>Each counter's growth over the window, summed by the <paramref name="by"/> labels; a series that appears inside the window started at 0.</summary>
    private static Dictionary<string[], double> Increases(string name, TimeSpan window, IReadOnlyList<Scrape> scrapes, int at, string[] by)
    {
        var before = scrapes[Start(scrapes, at, window)].Metrics.Samples.Where(s => s.Name == name).ToDictionary(s => s.LabelText, s => s.Value);
        var result = new Dictionary<string[], double>(new KeyComparer());
        foreach (var sample in scrapes[at].Metrics.Samples.Where(s => s.Name == name))
        {
            var key = by.Select(l => sample.Labels.GetValueOrDefault(l, "")).ToArray();
            result[key] = result.GetValueOrDefault(key) + Math.Max(0, sample.Value - before.GetValueOrDefault(sample.LabelText));
        }
        return result;
    }

    private static double HistogramQuantile(double q, Dictionary<string[], double> buckets)
    {
        var sorted = buckets.Select(b => (Le: b.Key[0] == "+Inf" ? double.PositiveInfinity : double.Parse(b.Key[0], CultureInfo.InvariantCulture), Count: b.Value))
            .OrderBy(b => b.Le).ToList();
        if (sorted.Count == 0 || sorted[^1].Count <= 0)
            return double.NaN;
        var rank = q * sorted[^1].Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (le, count) in sorted)
        {
            if (count >= rank)
                return double.IsPositiveInfinity(le) ? lower : lower + (le - lower) * (rank - below) / Math.Max(count - below, double.Epsilon);
            (lower, below) = (le, count);
        }
        return lower;
    }

    private static string Legend(string format, string[] by, string[] values) =>
        LegendLabel().Replace(format, m => Array.IndexOf(by, m.Groups[1].Value) is var i and >= 0 ? values[i] : "");

    private sealed class KeyComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) => x!.SequenceEqual(y!);

        public int GetHashCode(string[] obj) => string.Join('\u0001', obj).GetHashCode(StringComparison.Ordinal);
    }
}
