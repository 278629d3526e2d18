using Bot.Conversations.Reports;
using Bot.Host.Hosting;
using Bot.Host.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Bot.Tests.Reports;

public sealed class ScottPlotReportChartsTests
{
    private static readonly IReportCharts Charts = new ServiceCollection().AddReportRendering().BuildServiceProvider().GetRequiredService<IReportCharts>();

    // Where the title is drawn: the top band, centred.
    private static readonly SKRectI TitleBand = new(200, 0, 600, 50);

    private static readonly StageBar[] Stages = [new("线索", 128), new("已确认需求", 74), new("商务谈判", 31), new("成交", 12)];

    [Fact]
    public void AddReportRendering_ThisMachine_DrawsInACjkFamilyWhoseFacesHaveChinese()
    {
        using var services = new ServiceCollection().AddReportRendering().BuildServiceProvider();

        var family = services.GetRequiredService<IOptions<ChartFontOptions>>().Value.Family;

        // scripts/test installs fonts-wqy-microhei where no CJK font is.
        Assert.Contains(family, CjkFontProbe.Preferred);
        // Titles are bold, labels regular: ScottPlot must resolve both to a face that has the glyphs, not to a fallback.
        foreach (var bold in new[] { false, true })
            Assert.True(ScottPlot.Fonts.GetTypeface(family, bold, italic: false).ContainsGlyphs("本月团队漏斗目标完成跟进签单暂无数据"));
    }

    [Fact]
    public async Task Start_NoCjkFont_StopsSayingWhichPackageToInstall()
    {
        await using var app = BotHost.BuildWebApp(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None"], seedDemo: false,
            services => services.Configure<ChartFontOptions>(o => o.Family = ""));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("apt-get install fonts-wqy-microhei", error.Message);
        Assert.Contains("没有找到能显示中文的字体", error.Message);
        Assert.Contains("No CJK font is installed", error.Message);
    }

    [Fact]
    public void Find_SeveralCjkFamilies_TakesThePreferredOne()
    {
        var family = CjkFontProbe.Find(["DejaVu Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei"], name => name != "DejaVu Sans");

        Assert.Equal("WenQuanYi Micro Hei", family);
    }

    [Fact]
    public void Find_OnlyAnUnlistedFamilyCoversChinese_TakesIt()
    {
        Assert.Equal("Some Hei", CjkFontProbe.Find(["DejaVu Sans", "Some Hei"], name => name == "Some Hei"));
        Assert.Null(CjkFontProbe.Find(["DejaVu Sans", "Liberation Sans"], _ => false));
    }

    [Fact]
    public void Funnel_FourStages_Png800x500WithTitle()
    {
        var png = Charts.Funnel("本月团队漏斗", Stages);

        Assert.Equal((800, 500), PngImage.Header(png));
        Assert.True(PngImage.Count(png, TitleBand, PngImage.Dark) > 200, "no title drawn");
    }

    [Fact]
    public void TargetAchievement_TwelvePeople_Png800x500WithTitle()
    {
        var people = Enumerable.Range(1, 12).Select(i => new TargetBar("销售" + i, 100_000 + i * 10_000, i * 15_000)).ToList();

        var png = Charts.TargetAchievement("11月目标完成情况", people);

        Assert.Equal((800, 500), PngImage.Header(png));
        Assert.True(PngImage.Count(png, TitleBand, PngImage.Dark) > 200, "no title drawn");
    }

    [Fact]
    public void ActivityTrend_ThirtyDays_Png800x500WithTitle()
    {
        var first = new DateOnly(2026, 11, 1);
        var days = Enumerable.Range(0, 30).Select(k => new ActivityDay(first.AddDays(k), 10 + k % 9, k % 5 == 0 ? 1 : 0)).ToList();

        var png = Charts.ActivityTrend("近30天跟进与签单", days);

        Assert.Equal((800, 500), PngImage.Header(png));
        Assert.True(PngImage.Count(png, TitleBand, PngImage.Dark) > 200, "no title drawn");
    }

    [Fact]
    public void EachChart_NoData_SaysSoUnderTheTitle()
    {
        foreach (var png in new[] { Charts.Funnel("本周漏斗", []), Charts.TargetAchievement("本月目标", []), Charts.ActivityTrend("近30天", []) })
        {
            Assert.Equal((800, 500), PngImage.Header(png));
            Assert.True(PngImage.Count(png, TitleBand, PngImage.Dark) > 100, "no title drawn");
            Assert.True(PngImage.Count(png, new SKRectI(300, 200, 500, 300), c => c.Red < 160) > 100, "no 暂无数据 drawn");
        }
    }

    [Fact]
    public void Funnel_OneStageOrEmptyFirstStage_Renders()
    {
        Assert.Equal((800, 500), PngImage.Header(Charts.Funnel("本周漏斗", [new("线索", 5)])));
        Assert.Equal((800, 500), PngImage.Header(Charts.Funnel("本周漏斗", [new("线索", 0), new("成交", 0)])));
    }

    [Fact]
    public void TargetAchievement_BestFirst_OverTargetGreenOnTopUnderTargetOrangeBelow()
    {
        // Given worst first, with someone far over target and someone without one.
        TargetBar[] people = [new("李娜", 100_000, 20_000), new("张伟", 0, 50_000), new("陈静", 50_000, 450_000)];

        var png = Charts.TargetAchievement("本月目标完成", people);

        var top = new SKRectI(100, 60, 640, 190);
        var middle = new SKRectI(100, 190, 640, 330);
        Assert.True(PngImage.Count(png, top, PngImage.Near("#16A34A")) > 1000, "陈静 (900 %) is not the green bar on top");
        Assert.True(PngImage.Count(png, middle, PngImage.Near("#EA580C")) > 1000, "李娜 (20 %) is not the orange bar second");
    }

    [Fact]
    public void TargetAchievement_TwentyRepsSomeWithoutTarget_Renders()
    {
        var people = Enumerable.Range(1, 20).Select(i => new TargetBar("欧阳销售" + i, i % 7 == 0 ? 0 : 100_000, i * 9_000)).ToList();

        Assert.Equal((800, 500), PngImage.Header(Charts.TargetAchievement("20人目标完成", people)));
    }

    [Fact]
    public void ActivityTrend_DayMissing_DrawnAsZero()
    {
        // Nothing logged on the 2nd: the line must come down to the axis between the 1st and the 3rd.
        ActivityDay[] days = [new(new DateOnly(2026, 11, 1), 20, 0), new(new DateOnly(2026, 11, 3), 20, 0)];

        var png = Charts.ActivityTrend("近三天", days);

        Assert.True(PngImage.Count(png, new SKRectI(360, 380, 480, 470), PngImage.Near("#2563EB")) > 50, "the missing day is not at 0");
    }

    [Fact]
    public void Funnel_DrawnOnManyThreadsAtOnce_SameBytesAsAlone()
    {
        var alone = Charts.Funnel("本月团队漏斗", Stages);
        var pictures = new byte[16][];

        Parallel.For(0, pictures.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => pictures[i] = Charts.Funnel("本月团队漏斗", Stages));

        Assert.All(pictures, png => Assert.Equal(alone, png));
    }
}
