using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations;

public sealed class ChineseNumberTests
{
    [Theory]
    [InlineData("12,000", 12000)]
    [InlineData("1.5万", 15000)]
    [InlineData("15w", 150000)]
    [InlineData("30w左右", 300000)]
    [InlineData("76.5万", 765000)]
    [InlineData("8k", 8000)]
    [InlineData("十五万", 150000)]
    [InlineData("一百二十万", 1200000)]
    [InlineData("壹拾万", 100000)]
    [InlineData("两万五", 25000)]
    [InlineData("一百零五", 105)]
    [InlineData("30多万", 300000)]
    [InlineData("¥3000元", 3000)]
    [InlineData("50元6角三分", 50.63)]
    [InlineData("三块五", 3.5)]
    [InlineData("36.57亿", 3657000000)]
    [InlineData("3千万", 30000000)]
    [InlineData("1万5", 15000)]
    [InlineData("十", 10)]
    [InlineData("二零二六", 2026)]
    [InlineData("负三十二", -32)]
    [InlineData("十五点七", 15.7)]
    [InlineData("三点五万", 35000)]
    [InlineData("四分之一", 0.25)]
    [InlineData("一万五千亿", 1500000000000)]
    [InlineData("五兆六十二亿", 5006200000000)]
    [InlineData("貳拾萬", 200000)]
    [InlineData("１５ｗ", 150000)]
    [InlineData("十余万", 100000)]
    public void TryParse_HowRepsWriteAmounts_ReadsTheValue(string text, double expected)
    {
        Assert.True(ChineseNumber.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("很多钱")]
    [InlineData("万")]
    [InlineData("1.2.3")]
    [InlineData("3/5")]
    [InlineData("2e5")]
    public void TryParse_NotANumber_Refuses(string text) => Assert.False(ChineseNumber.TryParse(text, out _));
}
