using Bot.Conversations.Customers;

namespace Bot.Tests.Conversations;

public sealed class FunnelStageTests
{
    [Theory]
    [InlineData("lead", FunnelStage.Lead)]
    [InlineData("潜在", FunnelStage.Lead)]
    [InlineData("Qualified", FunnelStage.Qualified)]
    [InlineData("意向", FunnelStage.Qualified)]
    [InlineData(" 洽谈 ", FunnelStage.Negotiation)]
    [InlineData("成交", FunnelStage.Won)]
    [InlineData("流失", FunnelStage.Lost)]
    public void TryParse_EnglishOrChinese_Maps(string text, FunnelStage expected)
    {
        Assert.True(FunnelStages.TryParse(text, out var stage));
        Assert.Equal(expected, stage);
    }

    [Fact]
    public void Code_RoundTripsForEveryStage() =>
        Assert.All(Enum.GetValues<FunnelStage>(), s => Assert.Equal(s, FunnelStages.FromCode(s.Code())));
}
