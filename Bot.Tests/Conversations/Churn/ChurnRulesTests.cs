using Bot.Conversations.Churn;
using Bot.Conversations.Customers;

namespace Bot.Tests.Conversations.Churn;

public sealed class ChurnRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static ChurnFacts Facts(int? daysSinceOrder = null, double? usualGap = null, int? daysSinceTouch = 1, int complaints = 0,
        int? removedDaysAgo = null, FunnelStage stage = FunnelStage.Won) =>
        new(1, "测试客户", 1, "李娜", stage, daysSinceOrder is { } o ? Today.AddDays(-o) : null, usualGap,
            daysSinceTouch is { } t ? Today.AddDays(-t) : null, complaints, removedDaysAgo is { } r ? Today.AddDays(-r) : null);

    private static ChurnSignal[] Signals(ChurnFacts facts) => [.. ChurnRules.Evaluate(facts, Today).Select(f => f.Signal)];

    [Theory]
    [InlineData(89, new ChurnSignal[0])]
    [InlineData(90, new[] { ChurnSignal.NoOrder90Days })]
    [InlineData(179, new[] { ChurnSignal.NoOrder90Days })]
    [InlineData(180, new[] { ChurnSignal.NoOrder180Days })]
    public void NoOrder_WarningAt90DowngradeAt180(int days, ChurnSignal[] expected) =>
        Assert.Equal(expected, Signals(Facts(daysSinceOrder: days)));

    [Theory]
    [InlineData(20, 9.9, new[] { ChurnSignal.RhythmHalved })]
    [InlineData(20, 10.0, new ChurnSignal[0])]
    [InlineData(20, null, new ChurnSignal[0])]
    public void Rhythm_MoreThanTwiceTheUsualGap(int days, double? usual, ChurnSignal[] expected) =>
        Assert.Equal(expected, Signals(Facts(daysSinceOrder: days, usualGap: usual)));

    [Theory]
    [InlineData(59, new ChurnSignal[0])]
    [InlineData(60, new[] { ChurnSignal.NoContact60Days })]
    public void NoContact_SixtyDays(int days, ChurnSignal[] expected) =>
        Assert.Equal(expected, Signals(Facts(daysSinceTouch: days)));

    [Fact]
    public void NoContact_LeadIsNotAChurnRisk() =>
        Assert.Empty(Signals(Facts(daysSinceTouch: 200, stage: FunnelStage.Lead)));

    [Fact]
    public void Complaint_AndRemovedRep_StrongestFirstWithWinBackSteps()
    {
        var findings = ChurnRules.Evaluate(Facts(complaints: 2, removedDaysAgo: 3), Today);

        Assert.Equal([ChurnSignal.RemovedRep, ChurnSignal.Complaint], findings.Select(f => f.Signal));
        Assert.Equal("近30天投诉2次", findings[1].Reason);
        Assert.All(findings, f => Assert.NotEmpty(f.WinBack));
    }

    [Fact]
    public void LostCustomer_NoSignals() =>
        Assert.Empty(Signals(Facts(daysSinceOrder: 400, complaints: 3, stage: FunnelStage.Lost)));
}
