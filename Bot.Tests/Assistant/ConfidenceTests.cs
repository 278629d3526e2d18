using Bot.Conversations.Assistant;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Tests.Assistant;

/// <summary>Each branch of <see cref="Confidence.IsLow"/>: when the rules' reading goes to the optional model.</summary>
public sealed class ConfidenceTests
{
    private const string Short = "刚给星辰打了电话，下周三再跟进";

    private static readonly CustomerResolution Resolved = new CustomerResolution.Resolved(1, null, "星辰");

    private static ParsedMessage Reading(Intent intent, float probability, CustomerResolution? customer = null, string text = Short) =>
        new(intent, text, customer ?? Resolved, null, [], null, null, false, null, null, null, false, probability);

    [Fact]
    public void IsLow_WritingIntentSureCustomerFoundShortText_False() =>
        Assert.False(Confidence.IsLow(Reading(Intent.LogInteraction, 0.95f)));

    [Theory]
    [InlineData(0.79f, true)]
    [InlineData(MessageParser.SureIntent, false)]
    public void IsLow_WritingIntent_LowBelowTheWriteThreshold(float probability, bool low) =>
        Assert.Equal(low, Confidence.IsLow(Reading(Intent.UpdateStage, probability)));

    [Theory]
    [InlineData(0.59f, true)]
    [InlineData(Confidence.UnsureRead, false)]
    [InlineData(0.7f, false)]
    public void IsLow_ReadingIntent_LowOnlyBelowTheLowerReadThreshold(float probability, bool low) =>
        Assert.Equal(low, Confidence.IsLow(Reading(Intent.QueryTier, probability)));

    [Fact]
    public void IsLow_NoIntent_True() =>
        Assert.True(Confidence.IsLow(Reading(Intent.Unknown, 0.9f, new CustomerResolution.NotMentioned())));

    [Theory]
    [InlineData(Confidence.LongText - 1, false)]
    [InlineData(Confidence.LongText, true)]
    public void IsLow_SureButLong_TrueFromTheLongTextLength(int length, bool low) =>
        Assert.Equal(low, Confidence.IsLow(Reading(Intent.LogInteraction, 0.99f, text: Short + new string('嗯', length - Short.Length))));

    [Theory]
    [InlineData(Intent.LogInteraction, true)]
    [InlineData(Intent.UpdateStage, true)]
    [InlineData(Intent.QueryCustomer, true)]
    [InlineData(Intent.QueryTier, true)]
    [InlineData(Intent.OptOut, true)]
    [InlineData(Intent.ChangeGreeting, true)]
    [InlineData(Intent.FunnelReport, false)]
    [InlineData(Intent.MyTasks, false)]
    public void IsLow_SureButNoCustomerNamed_TrueOnlyForIntentsAboutOneCustomer(Intent intent, bool low) =>
        Assert.Equal(low, Confidence.IsLow(Reading(intent, 0.99f, new CustomerResolution.NotMentioned())));

    [Fact]
    public void IsLow_SureAndAmbiguousName_False_TheRulesAskWhichOne() =>
        Assert.False(Confidence.IsLow(Reading(Intent.LogInteraction, 0.99f, new CustomerResolution.Ambiguous("星辰", [1, 2]))));

    [Theory]
    [InlineData(Intent.Unknown, 0.2f, 10)]
    [InlineData(Intent.UpdateStage, 0.3f, 10)]
    [InlineData(Intent.LogInteraction, 0.99f, Confidence.LongText + 20)]
    public void IsLow_ColleaguesCustomer_FalseHoweverUnsureOrLong(Intent intent, float probability, int length) =>
        Assert.False(Confidence.IsLow(Reading(intent, probability, new CustomerResolution.OutOfScope("华东精密"), new string('嗯', length))));
}
