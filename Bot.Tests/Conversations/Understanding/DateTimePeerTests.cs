using System.Globalization;
using Bot.Conversations.Understanding;
using Xunit.Abstractions;

namespace Bot.Tests.Conversations.Understanding;

/// <summary>
/// The whole zh-datetime.json peer suite: each input is read against its reference time (Shanghai local) and
/// the first expression of the right shape is compared with the expected date, time or both.
/// </summary>
public sealed class DateTimePeerTests(ITestOutputHelper output)
{
    private const int PassFloor = 0;

    [Fact]
    public void PeerSuite_AllCases_PassRateAtOrAboveFloor()
    {
        var cases = PeerCase.Load("zh-datetime.json");
        var failures = cases.Where(c => Actual(c) != c.Expected).ToList();
        var passed = cases.Count - failures.Count;
        output.WriteLine($"zh-datetime: {passed}/{cases.Count} passed ({100.0 * passed / cases.Count:F1} %)");
        foreach (var c in failures)
            output.WriteLine($"FAIL {c.Input} @ {c.Reference}: expected {c.Expected}, got {Actual(c)}");
        Assert.True(passed >= PassFloor, $"pass count {passed} fell below the floor {PassFloor}");
    }

    private static string Actual(PeerCase c)
    {
        var reference = DateTime.Parse(c.Reference!, CultureInfo.InvariantCulture);
        var now = new DateTimeOffset(reference, TimeSpan.FromHours(8));
        var found = ChineseDateTime.FindAll(c.Input, now);
        var hit = c.Type == "date" ? (found.Count > 0 ? found[0] : null) : found.FirstOrDefault(e => e.Time is not null);
        if (hit is null)
            return "not resolved";
        return c.Type switch
        {
            "date" => hit.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "time" => hit.Time!.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
            _ => $"{hit.Date:yyyy-MM-dd} {hit.Time:HH:mm:ss}",
        };
    }
}
