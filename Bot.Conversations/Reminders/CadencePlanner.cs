using Bot.Conversations.Common;
using Bot.Conversations.Customers;

namespace Bot.Conversations.Reminders;

/// <summary>
/// Keeps every customer on the guides' rhythm (<see cref="FollowUpCadence"/>): one without an open follow-up
/// gets one on the day a cadence has passed since the last contact (or the stage change). A rep gets at most a
/// handful of new ones a day, most valuable first, spread over the morning; the rest come on the following days.
/// A deal just won gets its 24-hour call whatever the count.
/// </summary>
public sealed class CadencePlanner(ICadenceQueries queries, IReminderRepository reminders)
{
    private static readonly TimeOnly FirstSlot = new(10, 0);

    public async Task<int> RunAsync(DateTimeOffset now, int perRepPerDay, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        var planned = new List<NewReminder>();
        var already = await queries.CountPlannedAsync(ChinaTime.At(today, TimeOnly.MinValue), ChinaTime.At(today.AddDays(2), TimeOnly.MinValue), ct);
        foreach (var byOwner in (await queries.ListWithoutFollowUpAsync(ct)).GroupBy(c => c.OwnerId))
        {
            var justWon = byOwner.Where(c => JustWon(c, now)).ToList();
            planned.AddRange(justWon.Select(c => Reminder(c, c.StageChangedAt + TimeSpan.FromDays(1), FollowUpCadence.For(c.Stage, c.Tier, true)!)));

            // Today's slots, or tomorrow's when the morning has passed: both count against the day's allowance.
            var slot = already.GetValueOrDefault(byOwner.Key);
            foreach (var (customer, cadence, _) in byOwner.Except(justWon)
                         .Select(c => (Customer: c, Cadence: FollowUpCadence.For(c.Stage, c.Tier, false)))
                         .Where(x => x.Cadence is not null)
                         .Select(x => (x.Customer, Cadence: x.Cadence!, Due: (x.Customer.LastInteractionAt ?? x.Customer.StageChangedAt) + x.Cadence!.After))
                         .Where(x => ChinaTime.DateOf(x.Due) <= today)
                         .OrderBy(x => x.Customer.Tier ?? CustomerTier.C)
                         .ThenBy(x => x.Due)
                         .Take(Math.Max(0, perRepPerDay - slot)))
            {
                var at = ChinaTime.At(today, FirstSlot).AddMinutes(30 * slot++);
                planned.Add(Reminder(customer, at < now ? at.AddDays(1) : at, cadence));
            }
        }
        await reminders.AddManyAsync(planned, ct);
        return planned.Count;
    }

    private static bool JustWon(CadenceCandidate customer, DateTimeOffset now) =>
        customer.Stage == FunnelStage.Won && now - customer.StageChangedAt < TimeSpan.FromDays(1);

    private static NewReminder Reminder(CadenceCandidate customer, DateTimeOffset at, FollowUpCadence.Suggestion cadence) =>
        new(customer.OwnerId, customer.CustomerId, at, $"{customer.Name}：{cadence.Why}", "cadence");
}
