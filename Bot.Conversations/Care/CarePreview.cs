using Bot.Conversations.Team;
using Microsoft.Extensions.Options;

namespace Bot.Conversations.Care;

/// <summary>
/// One greeting ahead as the care job will treat it: already planned (<see cref="Stored"/>, where it is now), skipped
/// or rewritten by a rep (<see cref="Change"/>), or still to be queued on its day (<see cref="Plan"/>: with the text
/// that will go out, or none when it yields to the quota).
/// </summary>
public sealed record GreetingAhead(DueCare Due, CareTaskStatus? Stored, GreetingChange? Change, PlannedCare? Plan)
{
    public CareCandidate Candidate => Due.Candidate;

    public CareOccasion Occasion => Due.Occasion;

    public DateOnly On => Due.On;

    /// <summary>The next time of each greeting: the first of each contact's occasions in a day-ordered list.</summary>
    public static IReadOnlyList<GreetingAhead> NextOfEach(IEnumerable<GreetingAhead> ahead) =>
        [.. ahead.GroupBy(g => (g.Candidate.ContactId, g.Occasion)).Select(g => g.First())];
}

/// <summary>
/// The greetings the care job will send in the days ahead, for the customers a user may see: day by day, the same
/// decision the morning run makes (<see cref="CareDayPlanning"/>), with what earlier days of the preview will have
/// queued counted against the quota of later ones.
/// </summary>
public sealed class CarePreview(ICareCandidates candidates, CareDayPlanning planning, IOptions<CareOptions> options)
{
    /// <summary>How far ahead a question about one customer looks: every yearly occasion comes round within it.</summary>
    public const int YearAhead = 366;

    /// <param name="customerId">Only this customer's greetings; every customer in scope when null.</param>
    public async Task<IReadOnlyList<GreetingAhead>> BetweenAsync(UserScope scope, long? customerId, DateOnly from, DateOnly until, CancellationToken ct)
    {
        var reachable = await candidates.OfOwnersAsync(scope.OwnerIds, customerId, ct);
        var ahead = new List<GreetingAhead>();
        var queued = new Dictionary<(DateOnly Period, long Contact), int>();
        for (var day = from; day < until && reachable.Count > 0; day = day.AddDays(1))
        {
            var period = CarePlanner.Period(options.Value.Quota, day).From;
            var earlier = queued.Where(q => q.Key.Period == period).ToDictionary(q => q.Key.Contact, q => q.Value);
            var decided = await planning.DecideAsync(day, reachable, earlier, ct);
            var plans = decided.Plans.ToDictionary(p => p.Key);
            foreach (var due in decided.Due)
            {
                var plan = plans.GetValueOrDefault(due.Key);
                ahead.Add(new GreetingAhead(due, decided.Stored.TryGetValue(due.Key, out var status) ? status : null, decided.Changes.GetValueOrDefault(due.Key), plan));
                if (plan is { Yielded: false })
                    queued[(period, due.Candidate.ContactId)] = queued.GetValueOrDefault((period, due.Candidate.ContactId)) + 1;
            }
        }
        return ahead;
    }
}
