using System.Globalization;
using Bot.Conversations.Understanding;
using Xunit.Abstractions;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>
/// The whole zh-numbers.json peer suite: kind "number" reads the case's span with ChineseNumber.TryParse,
/// kind "cny" looks for an amount of that many yuan among ChineseAmounts.FindAll(input).
/// </summary>
public sealed class NumberPeerTests(ITestOutputHelper output)
{
    // Raise this when the parser improves; it guards against quiet regressions, not towards 100 %.
    private const int PassFloor = 0;

    [Fact]
    public void PeerSuite_AllCases_PassRateAtOrAboveFloor()
    {
        var cases = PeerCase.Load("zh-numbers.json");
        var failures = cases.Where(c => !Passes(c)).ToList();
        var passed = cases.Count - failures.Count;
        output.WriteLine($"zh-numbers: {passed}/{cases.Count} passed ({100.0 * passed / cases.Count:F1} %)");
        foreach (var c in failures)
            output.WriteLine($"FAIL {c.Kind} {c.Span} expected {c.Expected} got {Describe(c)}");
        Assert.True(passed >= PassFloor, $"pass count {passed} fell below the floor {PassFloor}");
    }

    private static bool Passes(PeerCase c)
    {
        var expected = decimal.Parse(c.Expected, NumberStyles.Float, CultureInfo.InvariantCulture);
        return c.Kind == "cny"
            ? ChineseAmounts.FindAll(c.Input).Any(a => Close(a.Yuan, expected))
            : ChineseNumber.TryParse(c.Span, out var value) && Close(value, expected);
    }

    private static string Describe(PeerCase c) => c.Kind == "cny"
        ? string.Join(" | ", ChineseAmounts.FindAll(c.Input).Select(a => $"{a.Text}={a.Yuan}"))
        : ChineseNumber.TryParse(c.Span, out var v) ? v.ToString(CultureInfo.InvariantCulture) : "nothing";

    // The suite prints repeating fractions to 15 significant digits.
    private static bool Close(decimal actual, decimal expected) =>
        Math.Abs(actual - expected) <= 1e-9m * Math.Max(1m, Math.Abs(expected));
}
