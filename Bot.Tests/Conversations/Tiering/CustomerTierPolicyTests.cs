using Bot.Conversations.Customers;
using Bot.Conversations.Tiering;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Conversations.Tiering;

public sealed class CustomerTierPolicyTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly CustomerTierPolicy Policy = new(Options.Create(new TieringOptions().WithGuideDefaults()));

    private static CustomerFacts Facts(decimal amount = 0, int orders = 0, int? daysSinceOrder = null, bool strategic = false,
        string? size = null, FunnelStage stage = FunnelStage.Won, int? daysSinceTouch = null, bool growth = false) =>
        new(1, "测试客户", 1, null, stage, amount, orders, daysSinceOrder is { } d ? Today.AddDays(-d) : null,
            daysSinceTouch is { } t ? Today.AddDays(-t) : null, size, strategic, growth, 0);

    [Theory]
    [InlineData(100_000, CustomerTier.A)]
    [InlineData(99_999.99, CustomerTier.B)]
    [InlineData(50_000, CustomerTier.B)]
    [InlineData(49_999.99, CustomerTier.C)]
    [InlineData(0, CustomerTier.C)]
    public void Assess_YearAmountAtEachThreshold_GivesTheGuidesTier(double amount, CustomerTier expected) =>
        Assert.Equal(expected, Policy.Assess(Facts((decimal)amount), Today).Tier);

    [Fact]
    public void Assess_StrategicCustomerWithSmallAmount_IsLiftedToA()
    {
        var assessment = Policy.Assess(Facts(10_000, strategic: true), Today);

        Assert.Equal(CustomerTier.A, assessment.Tier);
        Assert.Contains("标杆/战略客户，按A类服务", assessment.Reasons);
    }

    [Theory]
    [InlineData(30, 5)]
    [InlineData(31, 4)]
    [InlineData(60, 4)]
    [InlineData(61, 3)]
    [InlineData(90, 3)]
    [InlineData(91, 2)]
    [InlineData(180, 2)]
    [InlineData(181, 1)]
    public void Rfm_RecencyAroundEachCut(int days, int expected) =>
        Assert.Equal(expected, Policy.Rfm(Facts(daysSinceOrder: days), Today).Recency);

    [Fact]
    public void Rfm_NeverOrdered_RecencyOne() => Assert.Equal(1, Policy.Rfm(Facts(), Today).Recency);

    [Theory]
    [InlineData(10, 5)]
    [InlineData(9, 4)]
    [InlineData(5, 4)]
    [InlineData(4, 3)]
    [InlineData(3, 3)]
    [InlineData(2, 2)]
    [InlineData(1, 1)]
    public void Rfm_FrequencyAroundEachCut(int orders, int expected) =>
        Assert.Equal(expected, Policy.Rfm(Facts(orders: orders), Today).Frequency);

    [Theory]
    [InlineData(100_000, 5)]
    [InlineData(99_999, 4)]
    [InlineData(50_000, 4)]
    [InlineData(49_999, 3)]
    [InlineData(20_000, 3)]
    [InlineData(19_999, 2)]
    [InlineData(5_000, 2)]
    [InlineData(4_999, 1)]
    public void Rfm_MonetaryAroundEachCut(int amount, int expected) =>
        Assert.Equal(expected, Policy.Rfm(Facts(amount), Today).Monetary);

    [Theory]
    [InlineData(5, 5, 5, "重要价值客户")]
    [InlineData(1, 5, 5, "重要保持客户")]
    [InlineData(5, 1, 5, "重要发展客户")]
    [InlineData(1, 1, 5, "重要挽留客户")]
    [InlineData(3, 3, 2, "一般价值客户")]
    [InlineData(2, 3, 2, "一般保持客户")]
    [InlineData(3, 2, 1, "一般发展客户")]
    [InlineData(2, 2, 2, "一般挽留客户")]
    public void Segment_EachCombination(int r, int f, int m, string expected) =>
        Assert.Equal(expected, Policy.Segment(new RfmScore(r, f, m)));

    [Theory]
    [InlineData(150_000, "1000人以上", 3, "明星")]
    [InlineData(150_000, "10-50人", 200, "现金牛")]
    [InlineData(10_000, "500-1000人", 3, "潜力")]
    [InlineData(10_000, "10-50人", 200, "长尾")]
    public void Quadrant_ValueAndPotential(int amount, string size, int daysSinceTouch, string expected) =>
        Assert.Equal(expected, Policy.Assess(Facts(amount, orders: 3, daysSinceOrder: 20, size: size, daysSinceTouch: daysSinceTouch), Today).Quadrant);

    [Theory]
    [InlineData(5, 5, 5, "最近一次下单在30天内、一年下单10次以上、一年金额10万以上")]
    [InlineData(4, 3, 2, "最近一次下单在60天内、一年下单3次以上、一年金额5000元以上")]
    [InlineData(1, 1, 1, "超过180天没下单、一年下单不到2次、一年金额不到5000元")]
    public void Explain_ScoresInARepsWords_WithTheGuidesCutOffs(int r, int f, int m, string expected) =>
        Assert.Equal(expected, Policy.Explain(new RfmScore(r, f, m)));
}
