using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations.Understanding;

public sealed class ChineseDateTimeTests
{
    // Wednesday 2026-03-18 10:00 in Shanghai, sent from a server on UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 2, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("刚给星辰的李总打了电话，他嫌贵，下周三再跟进", "下周三", "2026-03-25", null)]
    [InlineData("明天下午3点去海川医疗拜访", "明天下午3点", "2026-03-19", "15:00")]
    [InlineData("报价30w左右，月底前要答复", "月底", "2026-03-31", null)]
    [InlineData("后天上午10点半开会", "后天上午10点半", "2026-03-20", "10:30")]
    [InlineData("大后天再说", "大后天", "2026-03-21", null)]
    [InlineData("周五给答复", "周五", "2026-03-20", null)]
    [InlineData("星期三见", "星期三", "2026-03-25", null)]
    [InlineData("礼拜天有空", "礼拜天", "2026-03-22", null)]
    [InlineData("这周五签合同", "这周五", "2026-03-20", null)]
    [InlineData("下下周一复盘", "下下周一", "2026-03-30", null)]
    [InlineData("下周再约", "下周", "2026-03-23", null)]
    [InlineData("下个月初回款", "下个月初", "2026-04-01", null)]
    [InlineData("下月中出方案", "下月中", "2026-04-15", null)]
    [InlineData("年底前签", "年底", "2026-12-31", null)]
    [InlineData("三天之后回复", "三天之后", "2026-03-21", null)]
    [InlineData("两周后复查", "两周后", "2026-04-01", null)]
    [InlineData("一个月后续约", "一个月后", "2026-04-18", null)]
    [InlineData("两小时后回电", "两小时后", "2026-03-18", "12:00")]
    [InlineData("半小时后到", "半小时后", "2026-03-18", "10:30")]
    [InlineData("十二月三号交付", "十二月三号", "2026-12-03", null)]
    [InlineData("12.3去现场", "12.3", "2026-12-03", null)]
    [InlineData("11.25前报价", "11.25", "2026-11-25", null)]
    [InlineData("12-3开标", "12-3", "2026-12-03", null)]
    [InlineData("1月5日回访", "1月5日", "2027-01-05", null)]
    [InlineData("2026年1月5日签的", "2026年1月5日", "2026-01-05", null)]
    [InlineData("15:30电话会", "15:30", "2026-03-18", "15:30")]
    [InlineData("８点打电话", "８点", "2026-03-19", "08:00")]
    [InlineData("晚上8点吃饭", "晚上8点", "2026-03-18", "20:00")]
    [InlineData("下午三点半过去", "下午三点半", "2026-03-18", "15:30")]
    [InlineData("三点一刻碰一下", "三点一刻", "2026-03-18", "15:15")]
    [InlineData("明天中午请客", "明天中午", "2026-03-19", "12:00")]
    [InlineData("今晚6点", "今晚6点", "2026-03-18", "18:00")]
    [InlineData("春节后再说", "春节后", "2027-02-06", null)]
    [InlineData("国庆后上线", "国庆后", "2026-10-01", null)]
    [InlineData("中秋前送礼", "中秋前", "2026-09-25", null)]
    [InlineData("端午节发货", "端午节", "2026-06-19", null)]
    [InlineData("元旦前结款", "元旦前", "2027-01-01", null)]
    [InlineData("农历八月十五拜访", "农历八月十五", "2026-09-25", null)]
    [InlineData("正月初六开工", "正月初六", "2027-02-11", null)]
    [InlineData("腊月二十前回款", "腊月二十", "2027-01-27", null)]
    [InlineData("2028年农历八月十五", "2028年农历八月十五", "2028-10-03", null)]
    public void FindAll_FollowUpSentence_ResolvesNextOccurrence(string sentence, string span, string date, string? time)
    {
        var found = Assert.Single(ChineseDateTime.FindAll(sentence, Now));
        Assert.Equal(span, found.Text);
        Assert.Equal(sentence.IndexOf(span, StringComparison.Ordinal), found.Start);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), found.Date);
        Assert.Equal(time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), found.Time);
    }

    [Theory]
    [InlineData("上周二拜访了", "2026-03-10")]
    [InlineData("周五拜访了", "2026-03-13")]
    [InlineData("3月20日见过", "2025-03-20")]
    [InlineData("昨天打过电话", "2026-03-17")]
    [InlineData("3天前报过价", "2026-03-15")]
    [InlineData("中秋见过一次", "2025-10-06")]
    public void FindAll_VisitLogWithPastBias_ResolvesLastOccurrence(string sentence, string date)
    {
        var found = Assert.Single(ChineseDateTime.FindAll(sentence, Now, DateBias.Past));
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), found.Date);
    }

    [Theory]
    [InlineData("9点开会", "2026-03-19")]
    [InlineData("明天9点开会", "2026-03-19")]
    [InlineData("今天9点开会", "2026-03-18")]
    public void FindAll_TimeAlreadyPassed_RollsToTomorrowOnlyWithoutDate(string sentence, string date)
    {
        var found = Assert.Single(ChineseDateTime.FindAll(sentence, Now));
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), found.Date);
        Assert.Equal(new TimeOnly(9, 0), found.Time);
    }

    [Theory]
    [InlineData("报价30w左右")]
    [InlineData("3个人过去，第2次拜访")]
    [InlineData("电话13812345678")]
    [InlineData("早稻田大学")]
    [InlineData("打3.5折")]
    [InlineData("报价12.5")]
    [InlineData("2月30日")]
    public void FindAll_NoDateInSentence_FindsNothing(string sentence) =>
        Assert.Empty(ChineseDateTime.FindAll(sentence, Now));

    [Fact]
    public void FindAll_TwoExpressions_FindsBothInOrder()
    {
        var found = ChineseDateTime.FindAll("本周五先电话，下周一下午2点上门", Now);
        Assert.Equal(["本周五", "下周一下午2点"], found.Select(f => f.Text));
        Assert.Equal(new DateTimeOffset(2026, 3, 23, 14, 0, 0, TimeSpan.FromHours(8)), found[1].At);
    }
}
