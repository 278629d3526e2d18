using Bot.Conversations.Customers;
using Bot.Conversations.Merging;

namespace Bot.Tests.Conversations.Merging;

public sealed class MergeRulesTests
{
    [Theory]
    [InlineData(FunnelStage.Lead, FunnelStage.Negotiation, FunnelStage.Negotiation)]
    [InlineData(FunnelStage.Won, FunnelStage.Qualified, FunnelStage.Won)]
    [InlineData(FunnelStage.Lost, FunnelStage.Lead, FunnelStage.Lead)]
    [InlineData(FunnelStage.Negotiation, FunnelStage.Lost, FunnelStage.Negotiation)]
    [InlineData(FunnelStage.Lost, FunnelStage.Lost, FunnelStage.Lost)]
    public void SurvivingStage_TheFurtherOne_LostLastUnlessBothAreLost(FunnelStage a, FunnelStage b, FunnelStage expected) =>
        Assert.Equal(expected, MergeRules.SurvivingStage(a, b));

    [Theory]
    [InlineData(1L, 1L, null, 1L)]
    [InlineData(1L, null, null, 1L)]
    [InlineData(null, 2L, null, 2L)]
    [InlineData(1L, 2L, null, null)]
    [InlineData(1L, 2L, 2L, 2L)]
    [InlineData(1L, 2L, 3L, null)]
    public void OwnerAfter_DifferentOwners_OnlyOneOfThemWhenChosen(long? survivor, long? merged, long? chosen, long? expected) =>
        Assert.Equal(expected, MergeRules.OwnerAfter(survivor, merged, chosen));

    [Fact]
    public void Propose_MoreHistoryStays_OnATieTheOlderRecord()
    {
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        MergeCandidate Candidate(long id, int interactions, int daysOld) =>
            new(id, $"客户{id}", null, 1, FunnelStage.Lead, true, at.AddDays(-daysOld), new MergeCounts(interactions, 0, 0, 5, 3, 0));

        Assert.Equal((2L, 1L), Ids(MergeRules.Propose(Candidate(1, 1, 100), Candidate(2, 3, 10))));
        Assert.Equal((2L, 1L), Ids(MergeRules.Propose(Candidate(1, 2, 10), Candidate(2, 2, 100))));
        Assert.Equal((1L, 2L), Ids(MergeRules.Propose(Candidate(1, 2, 10), Candidate(2, 2, 10))));
    }

    [Fact]
    public void AliasesAfter_TheDuplicatesNames_AddedOnce()
    {
        var aliases = MergeRules.AliasesAfter("星辰网络科技有限公司", "星辰网络", ["星辰"], "星辰科技有限公司", "星辰科技", ["星辰", "星辰网络"]);

        Assert.Equal(["星辰", "星辰科技有限公司", "星辰科技"], aliases);
    }

    private static (long, long) Ids((MergeCandidate Survivor, MergeCandidate Merged) pair) => (pair.Survivor.Id, pair.Merged.Id);
}
