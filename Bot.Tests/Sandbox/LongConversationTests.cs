using System.Text.RegularExpressions;
using Bot.Conversations.Common;
using Bot.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Sandbox;

/// <summary>
/// A rep's real conversation in /sandbox, far longer than the phone's chat, at phone and desktop widths: questions with
/// long answers, three 「哪一家？」 cards from the demo book's near-namesakes (星辰, 恒信, 金桥), two follow-ups set for
/// tomorrow, then the simulated clock moved there so they come due as 完成 / 推迟 cards among the morning's notices.
/// Every card gets a click, each checked by what it does; every bubble keeps its height and can be scrolled to.
/// </summary>
public sealed class LongConversationTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private LiveBot _bot = null!;
    private IBrowserContext _context = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
        // The conversation sends 李娜 more than a member's per-minute share of messages, which is not what it is about.
        _bot = await LiveBot.StartWithDemoCompanyAsync(("WeCom:Outbox:PerRecipientPerMinute", "1000"), ("WeCom:Emulator:PerRecipientPerMinute", "1000"));
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = _bot.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _bot.DisposeAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task LongConversation_EveryMessageVisibleAndEveryCardsButtonDoesItsJob(int width, int height)
    {
        var page = await _context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add(error);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync("/sandbox");
        await page.SelectOptionAsync("#me", "app:lina");
        var log = page.Locator("#chat .log:not([hidden])");
        await Expect(log.Locator(".msg.bot", new() { HasText = "可以先试试" })).ToBeVisibleAsync();

        await SayAsync(page, "我今天要跟进谁");
        await SayAsync(page, "客户说太贵了怎么回");
        Assert.True(await page.EvalOnSelectorAsync<bool>("#chat", "chat => chat.scrollHeight > chat.clientHeight"), "the chat is not longer than its window yet");

        // Three of 李娜's short names stand for more than one company: each answer is one click on its card.
        await PickAsync(page, "刚给星辰打了电话，他嫌贵，下周三再跟进", "2. 星辰网络", "已记录：星辰网络");
        await PickAsync(page, "恒信那边约了下周二见面", "2. 南京恒信投资", "南京恒信投资");
        await PickAsync(page, "明天上午9点半提醒我给金桥回电话", "1. 南京金桥电子", "南京金桥电子");
        await SayAsync(page, "明天上午10点提醒我回访安泰快运");

        var tomorrow = ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        await page.FillAsync("#clock-at", $"{tomorrow:yyyy-MM-dd}T10:01");
        await page.ClickAsync("#clock-form button[type=submit]");
        await Expect(page.Locator("#clock-log", new() { HasText = "到期提醒" })).ToBeVisibleAsync();
        var due = log.Locator(".msg.card", new() { HasText = "该跟进了" });
        // Her own two, among whatever the demo's cadence brings due at 10:00.
        await Expect(due.Filter(new() { HasText = "回访安泰快运" })).ToHaveCountAsync(1);
        await Expect(due.Filter(new() { HasText = "南京金桥电子" }).Filter(new() { HasText = "回电话" })).ToHaveCountAsync(1);

        // From the top of the chat down to each due card in turn: 完成, 推迟1天, 推迟1周 in rotation.
        string[] buttons = ["完成", "推迟1天", "推迟1周"];
        var dueCount = await due.CountAsync();
        for (var i = 0; i < dueCount; i++)
        {
            await page.EvalOnSelectorAsync("#chat", "chat => chat.scrollTop = 0");
            var card = due.Nth(i);
            var done = buttons[i % buttons.Length] == "完成";
            await ClickOnCardAsync(page, card, buttons[i % buttons.Length], done ? "已完成：" : "已推迟到");
        }

        var bubbles = log.Locator(".msg");
        var count = await bubbles.CountAsync();
        Assert.True(count >= 20, $"only {count} messages");
        for (var i = 0; i < count; i++)
            await AssertShownAsync(page, bubbles.Nth(i), $"message {i}");
        var cards = log.Locator(".msg.card");
        Assert.Equal(3 + dueCount, await cards.CountAsync());
        await Expect(log.Locator(".msg.card:not(.handled)")).ToHaveCountAsync(0);
        Assert.Empty(_pageErrors);
    }

    /// <summary>Sends <paramref name="text"/> and waits for the bot's first answer to it.</summary>
    private static async Task SayAsync(IPage page, string text)
    {
        var answers = page.Locator("#chat .log:not([hidden]) .msg.bot");
        var before = await answers.CountAsync();
        await page.FillAsync("#input", text);
        await page.PressAsync("#input", "Enter");
        await Expect(answers.Nth(before)).ToBeVisibleAsync();
    }

    /// <summary>A message with a name several customers share: it is answered with a 「哪一家？」 card, and one click on it acts.</summary>
    private static async Task PickAsync(IPage page, string text, string choice, string answered)
    {
        var questions = page.Locator("#chat .log:not([hidden]) .msg.card", new() { HasText = "是哪一家" });
        var before = await questions.CountAsync();
        await page.FillAsync("#input", text);
        await page.PressAsync("#input", "Enter");
        await ClickOnCardAsync(page, questions.Nth(before), choice, answered);
    }

    /// <summary>
    /// Scrolls to the card, checks it is whole inside the chat, clicks <paramref name="button"/> and checks what that did: a
    /// new answer saying <paramref name="answered"/>, and the card's buttons replaced by a grey 已处理.
    /// </summary>
    private static async Task ClickOnCardAsync(IPage page, ILocator card, string button, string answered)
    {
        var answers = page.Locator("#chat .log:not([hidden]) .msg.bot:not(.card)", new() { HasText = answered });
        var before = await answers.CountAsync();
        await AssertShownAsync(page, card, $"card before 「{button}」");
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(answers).ToHaveCountAsync(before + 1);
        await Expect(card).ToHaveClassAsync(new Regex(@"\bhandled\b"));
        await Expect(card.Locator(".buttons button")).ToHaveTextAsync("已处理");
    }

    /// <summary>Scrolled to, the bubble has its full height (nothing squeezed or clipped) and lies inside the chat's window.</summary>
    private static async Task AssertShownAsync(IPage page, ILocator bubble, string what)
    {
        await bubble.ScrollIntoViewIfNeededAsync();
        var box = await bubble.BoundingBoxAsync();
        var chat = await page.Locator("#chat").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.NotNull(chat);
        Assert.True(box.Height > 0 && await bubble.EvaluateAsync<bool>("b => b.scrollHeight <= b.clientHeight + 1"),
            $"{what} is {box.Height} px high and cut off: {await bubble.InnerTextAsync()}");
        var top = Math.Max(box.Y, chat.Y);
        var bottom = Math.Min(box.Y + box.Height, chat.Y + chat.Height);
        Assert.True(bottom - top >= Math.Min(box.Height, chat.Height) - 1,
            $"{what} shows {bottom - top} of its {box.Height} px in the chat ({chat.Y}–{chat.Y + chat.Height}): {await bubble.InnerTextAsync()}");
    }
}
