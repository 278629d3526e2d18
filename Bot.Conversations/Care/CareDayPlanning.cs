using Microsoft.Extensions.Options;

namespace Bot.Conversations.Care;

/// <summary>
/// One day's greetings as the care job treats them: every greeting the day brings, those already planned (with where
/// each is now), the reps' changes, and <see cref="Plans"/>, what is left to queue (the yielded ones included).
/// </summary>
public sealed record CareDay(
    IReadOnlyList<DueCare> Due, IReadOnlyDictionary<string, CareTaskStatus> Stored, IReadOnlyDictionary<string, GreetingChange> Changes,
    IReadOnlyList<PlannedCare> Plans)
{
    public static readonly CareDay Empty = new([], new Dictionary<string, CareTaskStatus>(), new Dictionary<string, GreetingChange>(), []);

    /// <summary>Greetings not queued because a rep said not this time.</summary>
    public int Skipped => Due.Count(d => !Stored.ContainsKey(d.Key) && Changes.GetValueOrDefault(d.Key) is { Skips: true });
}

/// <summary>
/// <see cref="CarePlanner"/>'s rules applied to one day against what is stored: greetings already planned, the quota
/// they used in the period, the reps' skips and rewrites. The morning run queues what this decides and the preview
/// in chat shows it for the days ahead, so a rep is shown what the job will do.
/// </summary>
public sealed class CareDayPlanning(ICareTasks tasks, IGreetingChanges changes, IOptions<CareOptions> options)
{
    /// <param name="alsoUsed">Greetings not stored yet that will count against a contact's quota in the day's period (the preview's earlier days).</param>
    public async Task<CareDay> DecideAsync(DateOnly day, IEnumerable<CareCandidate> candidates, IReadOnlyDictionary<long, int>? alsoUsed, CancellationToken ct)
    {
        var o = options.Value;
        var due = CarePlanner.Due(day, candidates, o);
        if (due.Count == 0)
            return CareDay.Empty;
        var keys = due.Select(d => d.Key).ToList();
        var stored = await tasks.StatusesAsync(keys, ct);
        var changed = await changes.ForKeysAsync(keys, ct);
        var (first, last) = CarePlanner.Period(o.Quota, day);
        var used = await tasks.UsedInPeriodAsync(first, last, ct);
        if (alsoUsed is { Count: > 0 })
            used = used.Keys.Union(alsoUsed.Keys).ToDictionary(k => k, k => used.GetValueOrDefault(k) + alsoUsed.GetValueOrDefault(k));
        return new CareDay(due, stored, changed, CarePlanner.Decide(due, stored.Keys.ToHashSet(), used, changed, o));
    }
}
