using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations.Understanding;

public sealed class ChineseAmountsTests
{
    [Theory]
    [InlineData("报价30w左右，月底前要答复", "30w", 300000)]
    [InlineData("十五万的单子今天签了", "十五万", 150000)]
    [InlineData("客户预算8k", "8k", 8000)]
    [InlineData("首付¥3,000", "¥3,000", 3000)]
    [InlineData("合同一百二十万", "一百二十万", 1200000)]
    [InlineData("发票开壹拾万元", "壹拾万元", 100000)]
    [InlineData("他嫌76.5万贵", "76.5万", 765000)]
    [InlineData("砍到两万五了", "两万五", 25000)]
    [InlineData("年框1.2亿", "1.2亿", 120000000)]
    [InlineData("报价30000", "30000", 30000)]
    [InlineData("样品五元三毛一个", "五元三毛", 5.3)]
    [InlineData("三点五万能谈下来", "三点五万", 35000)]
    [InlineData("30多万的项目", "30多万", 300000)]
    [InlineData("预算１５万", "１５万", 150000)]
    public void FindAll_AmountInSentence_ReadsYuan(string sentence, string span, double yuan)
    {
        var found = Assert.Single(ChineseAmounts.FindAll(sentence));
        Assert.Equal(span, found.Text);
        Assert.Equal(sentence.IndexOf(span, StringComparison.Ordinal), found.Start);
        Assert.Equal((decimal)yuan, found.Yuan);
    }

    [Theory]
    [InlineData("3个人明天过去")]
    [InlineData("第2次拜访")]
    [InlineData("电话13812345678")]
    [InlineData("12.3去现场")]
    [InlineData("下午3点见")]
    [InlineData("3天后回复")]
    [InlineData("两万人的展会")]
    [InlineData("千万别再降价")]
    [InlineData("对方报了5美元")]
    [InlineData("万一他不签呢")]
    public void FindAll_NoMoneyInSentence_FindsNothing(string sentence) => Assert.Empty(ChineseAmounts.FindAll(sentence));

    [Fact]
    public void FindAll_AmountsAndDates_ReturnsOnlyAmounts()
    {
        var found = ChineseAmounts.FindAll("12月3号前报价15万，3个人负责，预算不超过20w");
        Assert.Equal([150000m, 200000m], found.Select(a => a.Yuan));
    }
}
