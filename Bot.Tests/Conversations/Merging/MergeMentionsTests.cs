using Bot.Conversations.Customers;
using Bot.Conversations.Merging;
using Bot.Conversations.Understanding.Text;

namespace Bot.Tests.Conversations.Merging;

/// <summary>Which two customers a merge request names, read with the bot's name finder.</summary>
public sealed class MergeMentionsTests
{
    private static readonly CustomerDirectory.View View = CustomerDirectory.View.Of(
    [
        new(1, "星辰网络科技有限公司", "星辰网络", ["星辰"], 10),
        new(2, "成都星辰网络科技有限公司", "成都星辰网络", ["成都星辰"], 10),
        new(3, "南京星辰网络科技有限公司", "南京星辰网络", ["南京星辰"], 10),
        new(4, "华东精密机械有限公司", "华东精密", ["华东"], 20),
        new(5, "苏州华东精密机械有限公司", "苏州华东精密", ["苏州华东"], 20),
        new(6, "海川医疗器械有限公司", "海川医疗", ["海川"], 20),
    ], [new(100, 1, "李伟", "总经理")], [new(10, "李娜"), new(20, "张伟")]);

    private static MergeReading Read(string text, long? chosen = null) => MergeMentions.Read(TextNormalizer.Normalize(text), View, chosen);

    [Theory]
    [InlineData("星辰网络科技有限公司和成都星辰网络科技有限公司是同一家，合并一下", 1L, 2L)]
    [InlineData("把成都星辰跟南京星辰合并", 2L, 3L)]
    [InlineData("合并客户：海川医疗、苏州华东精密", 6L, 5L)]
    [InlineData("华东精密建了两个档，合并一下", 4L, 5L)]
    [InlineData("南京星辰和星辰网络科技有限公司录重了", 3L, 1L)]
    public void Read_TwoNamesOrOneThatFitsTwo_ThePair(string text, long first, long second) =>
        Assert.Equal(new MergeReading.Pair(first, second), Read(text));

    [Fact]
    public void Read_ANameThatFitsSeveral_AsksWhichLeavingOutTheOtherName()
    {
        var ask = Assert.IsType<MergeReading.Ask>(Read("星辰和成都星辰是一家，合并"));

        Assert.Equal("星辰", ask.Mention);
        Assert.Equal([1L, 3L], ask.CustomerIds);
        Assert.Equal(new MergeReading.Pair(3, 2), MergeMentions.Read(ask.AskedText, View, chosen: 3));
    }

    [Fact]
    public void Read_BothNamesFitSeveral_AsksForEachInTurn()
    {
        var first = Assert.IsType<MergeReading.Ask>(Read("星辰和星辰网络合并"));
        Assert.Equal([1L, 2L, 3L], first.CustomerIds);

        var second = Assert.IsType<MergeReading.Ask>(MergeMentions.Read(first.AskedText, View, chosen: 2));
        Assert.Equal([1L, 3L], second.CustomerIds);

        Assert.Equal(new MergeReading.Pair(2, 1), MergeMentions.Read(second.AskedText, View, chosen: 1));
    }

    [Fact]
    public void Read_OneNameThatFitsThree_AsksTwice()
    {
        var first = Assert.IsType<MergeReading.Ask>(Read("把重复的星辰合并"));
        Assert.Equal([1L, 2L, 3L], first.CustomerIds);

        var second = Assert.IsType<MergeReading.Ask>(MergeMentions.Read(first.AskedText, View, chosen: 3));
        Assert.Equal([1L, 2L], second.CustomerIds);

        Assert.Equal(new MergeReading.Pair(3, 2), MergeMentions.Read(second.AskedText, View, chosen: 2));
    }

    [Fact]
    public void Read_TwoNamesOfOneCustomer_Same() =>
        Assert.Equal(new MergeReading.Same("海川医疗", "海川医疗器械有限公司", 6), Read("海川医疗和海川医疗器械有限公司合并"));

    [Theory]
    [InlineData("海川医疗和不存在公司合并", 6L)]
    [InlineData("把海川的重复档合并一下", 6L)]
    public void Read_OnlyOneCustomerFound_SaysSo(string text, long found) =>
        Assert.Equal(new MergeReading.OnlyOne(found), Read(text));

    [Fact]
    public void Read_NoCustomerNamed_NoneFound() => Assert.IsType<MergeReading.NoneFound>(Read("有两个客户重复了，合并一下"));
}
