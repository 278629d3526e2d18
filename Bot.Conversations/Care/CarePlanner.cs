using System.Globalization;

namespace Bot.Conversations.Care;

/// <summary>
/// Which contacts get which greeting on a day: festivals for everyone, birthdays and post-sale check-ins for some;
/// an occasion already planned keeps its key and is not planned again; a greeting the rep skipped this time is not
/// planned and takes no quota, one they rewrote goes with their text; and when WeCom's per-customer quota has room
/// for fewer greetings than a contact's occasions, the lower-priority ones yield.
/// </summary>
public static class CarePlanner
{
    /// <summary>Every greeting <paramref name="today"/> brings, each contact's in priority order.</summary>
    public static IReadOnlyList<DueCare> Due(DateOnly today, IEnumerable<CareCandidate> candidates, CareOptions options)
    {
        var festivals = FestivalCalendar.FestivalsOn(today);
        return [.. candidates.SelectMany(candidate => OccasionsOf(candidate, today, festivals, options).Order()
            .Select(occasion => new DueCare(candidate, occasion, today, Key(occasion, candidate.ContactId, today))))];
    }

    /// <param name="existingKeys">Keys of greetings already planned (by an earlier run); they are left alone.</param>
    /// <param name="usedInPeriod">Greetings already counted against each contact's quota in the period holding the day.</param>
    /// <param name="changes">The reps' changes to the day's greetings, by key.</param>
    public static IReadOnlyList<PlannedCare> Decide(
        IReadOnlyList<DueCare> due, IReadOnlySet<string> existingKeys, IReadOnlyDictionary<long, int> usedInPeriod,
        IReadOnlyDictionary<string, GreetingChange> changes, CareOptions options)
    {
        var left = new Dictionary<long, int>();
        var plans = new List<PlannedCare>(due.Count);
        foreach (var item in due.Where(d => !existingKeys.Contains(d.Key)))
        {
            var change = changes.GetValueOrDefault(item.Key);
            if (change is { Skips: true })
                continue;
            var contact = item.Candidate.ContactId;
            var room = left.TryGetValue(contact, out var known) ? known : Allowance(options.Quota, item.On) - usedInPeriod.GetValueOrDefault(contact);
            left[contact] = room - 1;
            var text = room > 0 ? change?.Text ?? CareTemplates.Render(options, item.Occasion, Recipient(item.Candidate, item.On)) : null;
            plans.Add(new PlannedCare(item.Candidate, item.Occasion, item.On, item.Key, text));
        }
        return plans;
    }

    /// <summary>
    /// care:&lt;occasion&gt;:&lt;contact&gt;:&lt;year&gt; for the yearly occasions, the date for post-sale check-ins
    /// (a customer may order several times a year).
    /// </summary>
    public static string Key(CareOccasion occasion, long contactId, DateOnly on) =>
        $"care:{occasion.Key()}:{contactId}:" + (occasion == CareOccasion.PostSale
            ? on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : on.Year.ToString(CultureInfo.InvariantCulture));

    /// <summary>The first and last day of the quota period holding <paramref name="day"/> (weeks start on Monday).</summary>
    public static (DateOnly From, DateOnly To) Period(CareQuota quota, DateOnly day) => quota switch
    {
        CareQuota.OnePerDay => (day, day),
        CareQuota.SevenPerWeek => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(6 - (((int)day.DayOfWeek + 6) % 7))),
        _ => (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month))),
    };

    public static int Allowance(CareQuota quota, DateOnly day) => quota switch
    {
        CareQuota.OnePerDay => 1,
        CareQuota.SevenPerWeek => 7,
        _ => DateTime.DaysInMonth(day.Year, day.Month),
    };

    private static IEnumerable<CareOccasion> OccasionsOf(CareCandidate candidate, DateOnly today, IReadOnlyList<CareOccasion> festivals, CareOptions options)
    {
        foreach (var festival in festivals)
            yield return festival;
        if (candidate.Birthday is { } birthday && FestivalCalendar.IsBirthday(birthday, today))
            yield return CareOccasion.Birthday;
        if (candidate.LastDealOn is { } deal && deal.AddDays(options.PostSaleDays) == today)
            yield return CareOccasion.PostSale;
    }

    private static CareRecipient Recipient(CareCandidate candidate, DateOnly today) =>
        new(candidate.ContactName, candidate.Title, candidate.Company, FullYears(candidate.CustomerSince, today), candidate.RepName);

    private static int FullYears(DateOnly? since, DateOnly today)
    {
        if (since is not { } start || start > today)
            return 0;
        var years = today.Year - start.Year;
        return start.AddYears(years) > today ? years - 1 : years;
    }
}
