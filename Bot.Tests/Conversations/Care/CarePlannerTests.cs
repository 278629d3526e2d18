using Bot.Conversations.Care;
using Bot.Conversations.Customers;

namespace Bot.Tests.Conversations.Care;

public sealed class CarePlannerTests
{
    private static readonly DateOnly SpringFestival2027 = new(2027, 2, 6);

    private static CareCandidate Candidate(long id, Birthday? birthday = null, DateOnly? since = null, DateOnly? lastDeal = null, string title = "总经理") =>
        new(id, 100 + id, 1, "zhangwei", "张伟", "wm" + id, "李明", title, "星辰网络", birthday, since, lastDeal);

    private static IReadOnlyList<PlannedCare> Plan(DateOnly day, CareOptions options, IReadOnlySet<string>? existing = null,
        IReadOnlyDictionary<long, int>? used = null, IReadOnlyDictionary<string, GreetingChange>? changes = null, params CareCandidate[] candidates) =>
        CarePlanner.Decide(CarePlanner.Due(day, candidates, options), existing ?? new HashSet<string>(), used ?? new Dictionary<long, int>(),
            changes ?? new Dictionary<string, GreetingChange>(), options);

    /// <summary>Contact 1's greeting for <paramref name="occasion"/> on Spring Festival 2027 skipped (null) or rewritten.</summary>
    private static GreetingChange Change(CareOccasion occasion, string? text) =>
        new(CarePlanner.Key(occasion, 1, SpringFestival2027), 1, 101, occasion, SpringFestival2027, text, 1, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Decide_SpringFestival_GreetsEveryoneWithSalutationCompanyTenureAndRep()
    {
        var plans = Plan(SpringFestival2027, CareSettings.Shipped(), candidates: [Candidate(1, since: new DateOnly(2023, 5, 1)), Candidate(2, title: "采购")]);

        Assert.Equal(["care:spring-festival:1:2027", "care:spring-festival:2:2027"], plans.Select(p => p.Key));
        var veteran = plans[0].Text!;
        Assert.StartsWith("李总，新春快乐！", veteran, StringComparison.Ordinal);
        Assert.Contains("感谢3年来对我们的信任与支持", veteran, StringComparison.Ordinal);
        Assert.Contains("星辰网络生意兴隆", veteran, StringComparison.Ordinal);
        Assert.EndsWith("——张伟", veteran, StringComparison.Ordinal);
        // No usual form of address for 采购, and no year as a customer yet.
        Assert.StartsWith("李明，新春快乐！感谢您一直以来的信任与支持。", plans[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OnePerDayAndBirthdayOnSpringFestival_SpringFestivalYieldsToTheBirthday()
    {
        var options = CareSettings.Shipped(o => o.Quota = CareQuota.OnePerDay);
        var plans = Plan(SpringFestival2027, options, candidates: Candidate(1, birthday: new Birthday(2, 6, null, false)));

        Assert.Equal([(CareOccasion.Birthday, false), (CareOccasion.SpringFestival, true)], plans.Select(p => (p.Occasion, p.Yielded)));
        Assert.Contains("生日快乐", plans[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_QuotaAlreadyUsedThisWeek_EverythingYields()
    {
        var options = CareSettings.Shipped(o => o.Quota = CareQuota.SevenPerWeek);
        var plans = Plan(SpringFestival2027, options, used: new Dictionary<long, int> { [1] = 7 }, candidates: [Candidate(1), Candidate(2)]);

        Assert.True(plans.Single(p => p.Candidate.ContactId == 1).Yielded);
        Assert.False(plans.Single(p => p.Candidate.ContactId == 2).Yielded);
    }

    [Fact]
    public void Decide_AlreadyPlannedKey_IsNotPlannedAgainAndTakesNoQuota()
    {
        var options = CareSettings.Shipped(o => o.Quota = CareQuota.OnePerDay);
        var day = new DateOnly(2027, 3, 9);
        var candidate = Candidate(1, birthday: new Birthday(3, 9, null, false), lastDeal: day.AddDays(-options.PostSaleDays));

        var plans = Plan(day, options, existing: new HashSet<string> { "care:birthday:1:2027" }, used: new Dictionary<long, int> { [1] = 1 }, candidates: candidate);

        Assert.Equal([(CareOccasion.PostSale, true)], plans.Select(p => (p.Occasion, p.Yielded)));
        Assert.Equal("care:post-sale:1:2027-03-09", plans[0].Key);
    }

    [Fact]
    public void Decide_OnePerDayAndTheBirthdaySkipped_SpringFestivalTakesTheQuotaInstead()
    {
        var options = CareSettings.Shipped(o => o.Quota = CareQuota.OnePerDay);
        var skipped = Change(CareOccasion.Birthday, null);

        var plans = Plan(SpringFestival2027, options, changes: new Dictionary<string, GreetingChange> { [skipped.Key] = skipped },
            candidates: Candidate(1, birthday: new Birthday(2, 6, null, false)));

        var plan = Assert.Single(plans);
        Assert.Equal((CareOccasion.SpringFestival, false), (plan.Occasion, plan.Yielded));
    }

    [Fact]
    public void Decide_Rewritten_GoesWithTheRepsText_AndOthersKeepTheTemplate()
    {
        var rewritten = Change(CareOccasion.SpringFestival, "李总，过年好！今年多亏您照顾。——张伟");

        var plans = Plan(SpringFestival2027, CareSettings.Shipped(), changes: new Dictionary<string, GreetingChange> { [rewritten.Key] = rewritten },
            candidates: [Candidate(1), Candidate(2)]);

        Assert.Equal(rewritten.Text, plans[0].Text);
        Assert.StartsWith("李总，新春快乐！", plans[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Due_OrdinaryDay_NothingWithoutBirthdayOrRecentDeal()
    {
        var options = CareSettings.Shipped();
        var day = new DateOnly(2027, 3, 9);

        Assert.Empty(CarePlanner.Due(day, [Candidate(1, birthday: new Birthday(3, 10, null, false), lastDeal: day.AddDays(-options.PostSaleDays + 1))], options));
        Assert.Equal([CareOccasion.PostSale], CarePlanner.Due(day, [Candidate(1, lastDeal: day.AddDays(-options.PostSaleDays))], options).Select(d => d.Occasion));
    }

    [Theory]
    [InlineData(CareQuota.DaysInMonth, "2027-02-06", "2027-02-01", "2027-02-28", 28)]
    [InlineData(CareQuota.SevenPerWeek, "2027-02-06", "2027-02-01", "2027-02-07", 7)]
    [InlineData(CareQuota.OnePerDay, "2027-02-06", "2027-02-06", "2027-02-06", 1)]
    public void Period_EachQuota_CoversItsMonthWeekOrDay(CareQuota quota, string day, string first, string last, int allowance)
    {
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(last)), CarePlanner.Period(quota, DateOnly.Parse(day)));
        Assert.Equal(allowance, CarePlanner.Allowance(quota, DateOnly.Parse(day)));
    }
}
