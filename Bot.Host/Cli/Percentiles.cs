namespace Bot.Host.Cli;

/// <summary>The one percentile every benchmark and evaluation prints.</summary>
public static class Percentiles
{
    /// <summary>Nearest rank: the smallest value with at least a share <paramref name="p"/> of the values at or below it; 0 when there are none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
