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
    private const string Dozen = "打 (dozen) counts goods; an amount reader should not turn 十打 into 120";
    private const string Scientific = "scientific and power notation (2e5, 2^5) is not how reps write numbers; in a chat it is a model or version code";
    private const string Slash = "a slash between numbers reads as a date in a rep's message (12/1 = 12月1日), so slash fractions are refused";

    /// <summary>Spans whose peer expectation a sales assistant should not follow, each with the reason.</summary>
    private static readonly Dictionary<string, string> Deviations = new()
    {
        ["一打"] = Dozen, ["壹打"] = Dozen, ["十打"] = Dozen, ["五十打"] = Dozen,
        ["半百"] = "半百 is an idiom for someone's age, never an amount",
        ["2^5"] = Scientific, ["2e5"] = Scientific, ["21.2e0"] = Scientific, ["2^-1"] = Scientific, ["-1e1"] = Scientific,
        ["2.7890e-1"] = Scientific, ["1.1^+23"] = Scientific, ["2.5^-1"] = Scientific, ["-1.1^+23"] = Scientific,
        ["-2.5^-1"] = Scientific, ["-1.1^--23"] = Scientific, ["-127.32e13"] = Scientific, ["12.32e+14"] = Scientific,
        ["-12e-1"] = Scientific,
        ["-2.5 m"] = "an English M (million) suffix is not how reps write amounts; 万 and w are",
        ["4 6/3"] = Slash, ["-3/2"] = Slash, ["3/5"] = Slash, ["1 3/5"] = Slash, ["16/5"] = Slash,
    };

    [Fact]
    public void PeerSuite_EveryFailureIsADeliberateDeviation()
    {
        PeerSuiteReport.Check("zh-numbers", PeerCase.Load("zh-numbers.json"), Passes, Describe, c => c.Span, Deviations, output);
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
