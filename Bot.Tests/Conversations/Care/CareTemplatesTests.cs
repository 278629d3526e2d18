using Bot.Conversations.Care;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Conversations.Care;

public sealed class CareTemplatesTests
{
    [Fact]
    public void Validate_ShippedAppSettings_HaveATemplateForEveryOccasion() =>
        Assert.True(new CareOptionsValidator().Validate(null, CareSettings.Shipped()).Succeeded);

    [Fact]
    public void Validate_TypoMissingTemplateAndBadHours_NamesEachProblem()
    {
        var options = CareSettings.Shipped(o =>
        {
            o.Templates["SpringFestival"] = "{nmae}，新春快乐！";
            o.Templates.Remove("Birthday");
            o.Templates["Christmas"] = "圣诞快乐";
            o.SendFromHour = 21;
        });

        var result = new CareOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Care:Templates:SpringFestival has an unknown placeholder {nmae}", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Care:Templates:Birthday is missing", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Care:Templates:Christmas is not an occasion", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("SendFromHour", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_NotChineseName_KeepsTheNameAsItIs()
    {
        var text = CareTemplates.Render(CareSettings.Shipped(), CareOccasion.MidAutumn, new CareRecipient("Tony", "总经理", "海川医疗", 2, "王芳"));

        Assert.Equal("Tony，中秋快乐！月圆人团圆，祝您和家人幸福安康。感谢2年来对我们的信任与支持！——王芳", text);
    }

    [Theory]
    [InlineData("2027-02-05T23:59:59Z", false, "2027-02-06T00:00:00Z")]
    [InlineData("2027-02-06T00:00:00Z", true, "2027-02-06T00:00:00Z")]
    [InlineData("2027-02-06T12:59:59Z", true, "2027-02-06T12:59:59Z")]
    [InlineData("2027-02-06T13:00:00Z", false, "2027-02-07T00:00:00Z")]
    public void Window_DefaultHours_OpenFrom8To21ShanghaiAndNextOpeningIs8(string instant, bool open, string next)
    {
        var window = CareSettings.Shipped().Window;
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(open, window.IsOpen(at));
        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), window.NextOpening(at));
    }
}
