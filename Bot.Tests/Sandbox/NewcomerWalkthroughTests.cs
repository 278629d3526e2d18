using System.Text.RegularExpressions;
using Bot.Conversations.Common;
using Bot.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Sandbox;

/// <summary>
/// The first ten minutes of a newcomer, in headless Chromium against the sandbox host with the demo company: open /,
/// land on /sandbox, get greeted, log a call, answer 「哪一家？」, see a follow-up come due at a simulated time and tick
/// it off, and confirm a festival greeting to a customer who added them on WeChat. Each step leaves a screenshot in
/// first-ten-minutes/ under <see cref="TestEnvironment.Artifacts"/> (TestResults/ when scripts/test runs it).
/// </summary>
public sealed class NewcomerWalkthroughTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(TestEnvironment.Artifacts, "first-ten-minutes");

    private LiveBot _bot = null!;
    private IBrowserContext _context = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = _bot.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _bot.DisposeAsync();
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png") });

    [Fact]
    public async Task FirstTenMinutes_GreetingCallChoiceDueCardAndFestivalGreeting()
    {
        var page = await _context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add(error);

        await page.GotoAsync("/");
        Assert.EndsWith("/sandbox", page.Url, StringComparison.Ordinal);
        await page.SelectOptionAsync("#me", "app:lina");
        var chat = page.Locator("#chat .log:not([hidden])");
        await Expect(chat.Locator(".msg.bot", new() { HasText = "可以先试试" })).ToBeVisibleAsync();
        await ShotAsync(page, "01-greeting");

        // A call with a short name three of her customers share: the bot asks which one.
        await SayAsync(page, "刚给星辰打了电话，他嫌贵，下周三再跟进");
        var question = chat.Locator(".msg.card", new() { HasText = "是哪一家" });
        await Expect(question).ToBeVisibleAsync();
        await question.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^\d\. 星辰网络$") }).ClickAsync();
        await Expect(chat.Locator(".msg.bot", new() { HasText = "已记录：星辰网络" })).ToBeVisibleAsync();
        await ShotAsync(page, "02-call-logged");

        // A follow-up for tomorrow morning, then the clock moved there: it comes due as a card, ticked off in one click.
        await SayAsync(page, "明天上午10点提醒我回访安泰快运");
        await Expect(chat.Locator(".msg.bot", new() { HasText = "提醒" }).Last).ToBeVisibleAsync();
        var tomorrow = ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        await page.FillAsync("#clock-at", $"{tomorrow:yyyy-MM-dd}T10:01");
        await page.ClickAsync("#clock-form button[type=submit]");
        await Expect(page.Locator("#clock-log", new() { HasText = "到期提醒" })).ToBeVisibleAsync();
        await Expect(page.Locator("#clock-now")).ToContainTextAsync("模拟");
        var due = chat.Locator(".msg.card", new() { HasText = "安泰快运" }).Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "完成" }) });
        await Expect(due).ToBeVisibleAsync();
        await due.GetByRole(AriaRole.Button, new() { Name = "完成" }).ClickAsync();
        await Expect(chat.Locator(".msg.card.handled", new() { HasText = "安泰快运" })).ToBeVisibleAsync();
        await ShotAsync(page, "03-due-card");

        // The customer adds her on WeChat; at the next festival the greeting waits for her confirmation, then reaches him.
        await page.FillAsync("#customer-name", "李伟");
        await page.FillAsync("#customer-corp", "星辰网络");
        await page.ClickAsync("#add-friend");
        await Expect(page.Locator("#customers .item", new() { HasText = "李伟" })).ToBeVisibleAsync();
        var festival = page.Locator("#clock-presets button").Filter(new() { HasTextRegex = new Regex(@" 9:05$") }).First;
        await festival.ClickAsync();
        await Expect(page.Locator("#clock-log", new() { HasText = "客户关怀：排队 1 条" })).ToBeVisibleAsync();
        var greeting = page.Locator("#care .item", new() { HasText = "星辰网络" });
        await Expect(greeting).ToBeVisibleAsync();
        await ShotAsync(page, "04-festival-greeting-to-confirm");
        await greeting.GetByRole(AriaRole.Button, new() { Name = "确认发送" }).ClickAsync();
        await Expect(page.Locator("#customers .item", new() { HasText = "李伟" }).Locator(".delivery", new() { HasText = "群发" })).ToBeVisibleAsync();
        await ShotAsync(page, "05-greeting-delivered");

        Assert.Empty(_pageErrors);
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.FillAsync("#input", text);
        await page.PressAsync("#input", "Enter");
    }
}
