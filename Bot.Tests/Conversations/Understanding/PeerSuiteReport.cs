using Xunit.Abstractions;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>
/// Runs a peer suite and reports two rates: over every case, and over the cases we mean to follow (the whole suite
/// minus the deliberate deviations, each listed with its reason). A failure that is not a listed deviation fails
/// the test, so a regression cannot hide behind the deviations.
/// </summary>
public static class PeerSuiteReport
{
    public static void Check(
        string name, IReadOnlyList<PeerCase> cases, Func<PeerCase, bool> passes, Func<PeerCase, string> actual, Func<PeerCase, string> deviationKey,
        IReadOnlyDictionary<string, string> deviations, ITestOutputHelper output)
    {
        var failures = cases.Where(c => !passes(c)).ToList();
        var deliberate = failures.Count(c => deviations.ContainsKey(deviationKey(c)));
        var followed = cases.Count - deliberate;
        var passed = cases.Count - failures.Count;
        output.WriteLine($"{name}: {passed}/{cases.Count} of all cases ({100.0 * passed / cases.Count:F1} %); "
            + $"{passed}/{followed} of the cases we follow ({100.0 * passed / followed:F1} %); {deliberate} deliberate deviations");
        foreach (var c in failures)
        {
            var why = deviations.TryGetValue(deviationKey(c), out var reason) ? $"deliberate: {reason}" : "UNEXPLAINED";
            output.WriteLine($"{c.Input} @ {c.Reference}: expected {c.Expected}, got {actual(c)} — {why}");
        }
        Assert.Empty(failures.Where(c => !deviations.ContainsKey(deviationKey(c))).Select(c => $"{c.Input}: expected {c.Expected}, got {actual(c)}"));
        Assert.True(passed >= 0.9 * followed, $"{name}: {passed}/{followed} of the followed cases is below 90 %");
    }
}
