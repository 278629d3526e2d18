using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Data.Messaging;
using Bot.Host.WeCom;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Bot.Tests.Sandbox;

/// <summary>/sandbox in headless Chromium against the real host in sandbox mode: every click goes through the emulator.</summary>
public sealed class SandboxPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private LiveBot _bot = null!;
    private IBrowserContext _context = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
        // Care messages wait for 08:00–21:00 Beijing time; the page tests run at any hour. The long conversation is
        // LongConversationTests, on the demo company.
        _bot = await LiveBot.StartAsync(("Care:SendFromHour", "0"), ("Care:SendUntilHour", "24"));
        var users = _bot.Services.GetRequiredService<IUserDirectory>();
        var manager = await users.UpsertAsync("sbx_boss", "王强", UserRole.Manager, null, CancellationToken.None);
        await users.UpsertAsync("sbx_rep", "李娜", UserRole.Rep, manager.Id, CancellationToken.None);
        _context = await chromium.Browser.NewContextAsync(new() { BaseURL = _bot.BaseUrl });
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        await _bot.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(string identity)
    {
        var page = await _context.NewPageAsync();
        page.PageError += (_, error) => _pageErrors.Add(error);
        await page.GotoAsync("/sandbox");
        await page.SelectOptionAsync("#me", identity);
        return page;
    }

    private Task<IPage> OpenAsRepAsync() => OpenAsync("app:sbx_rep");

    [Fact]
    public async Task RepSaysHello_BotReplyAppearsInTheChat()
    {
        var page = await OpenAsRepAsync();

        await page.FillAsync("#input", "你好");
        await page.ClickAsync("#send");

        await Expect(page.Locator(".msg.me")).ToHaveTextAsync("你好");
        await Expect(page.Locator(".msg.me ~ .msg.bot", new() { HasText = "你好，我是销售助手" })).ToBeVisibleAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task ManagerMentionsBotInTeamGroup_StreamedAnswerAppears()
    {
        var page = await OpenAsync("group:sbx_boss");

        await page.FillAsync("#input", "本周漏斗");
        await page.PressAsync("#input", "Enter");

        await Expect(page.Locator(".msg.me")).ToHaveTextAsync("@销售助手 本周漏斗");
        await Expect(page.Locator(".msg.me ~ .msg.bot", new() { HasText = "漏斗 · 本周" })).ToBeVisibleAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task CustomerAddsRepOnWeChat_WelcomeReachesTheCustomer()
    {
        var page = await OpenAsRepAsync();

        await page.FillAsync("#customer-name", "李明");
        await page.FillAsync("#customer-corp", "星辰网络科技有限公司");
        await page.SelectOptionAsync("#rep", "sbx_rep");
        await page.ClickAsync("#add-friend");

        await Expect(page.Locator(".customer .delivery", new() { HasText = "李明，您好！我是李娜" })).ToBeVisibleAsync();
        await Expect(page.Locator(".msg.bot", new() { HasText = "新客户：李明（星辰网络科技有限公司）" })).ToBeVisibleAsync();
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task CareMessageConfirmedByRep_ReachesTheCustomer()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("sbx_rep", "周敏", CorpName: "海川医疗"));
        // A care message goes out the way the holiday greetings do: add_msg_template, then it waits for the rep.
        var template = new JsonObject
        {
            ["chat_type"] = "single",
            ["external_userid"] = new JsonArray(added.ExternalUserId),
            ["sender"] = "sbx_rep",
            ["text"] = new JsonObject { ["content"] = "周总，中秋快乐！" },
        };
        await _bot.Services.GetRequiredService<OutboxStore>().EnqueueAsync(
            [new Bot.Conversations.Pipeline.OutgoingMessage("sbx-care-1", "app", added.ExternalUserId, "msg_template", template.ToJsonString())], CancellationToken.None);
        var page = await OpenAsRepAsync();

        var care = page.Locator(".care", new() { HasText = "周总，中秋快乐！" });
        await care.GetByRole(AriaRole.Button, new() { Name = "确认发送" }).ClickAsync();

        await Expect(page.Locator(".customer .delivery", new() { HasText = "周总，中秋快乐！" })).ToBeVisibleAsync();
        await Expect(care).ToHaveCountAsync(0);
        Assert.Empty(_pageErrors);
    }

    [Fact]
    public async Task CardButtonClicked_CardShowsHandled()
    {
        var page = await OpenAsRepAsync();
        // A card goes out the way a reminder does: through the outbox and message/send.
        var card = new Reply(ReplyKind.Card, "星辰网络今天该回访了", "跟进提醒", [new ReplyButton("done:1", "已跟进"), new ReplyButton("later:1", "明天再说")]);
        await _bot.Services.GetRequiredService<OutboxStore>().EnqueueAsync([AppMessageRenderer.Render("sbx_rep", card, "sbx-card-1")], CancellationToken.None);

        var bubble = page.Locator(".msg.card", new() { HasText = "跟进提醒" });
        await bubble.GetByRole(AriaRole.Button, new() { Name = "已跟进" }).ClickAsync();

        await Expect(bubble).ToHaveClassAsync(new Regex("handled"));
        await Expect(bubble.Locator(".buttons button")).ToHaveTextAsync("已处理");
        Assert.Empty(_pageErrors);
    }

    /// <summary>A chart and a workbook as the report handlers send them: the picture fits its bubble (a phone too), the file is a download link.</summary>
    [Theory]
    [InlineData(390, 844)]
    [InlineData(1440, 900)]
    public async Task PictureAndFileReplies_PictureFitsTheBubbleFileIsALinkWithNameAndSize(int width, int height)
    {
        var page = await OpenAsRepAsync();
        await page.SetViewportSizeAsync(width, height);
        var tag = $"w{width}";
        await _bot.Services.GetRequiredService<OutboxStore>().EnqueueAsync([
            AppMessageRenderer.Render("sbx_rep", Reply.Markdown($"本周漏斗 {tag}"), $"sbx-media-text-{tag}"),
            AppMessageRenderer.Render("sbx_rep", Reply.Image($"funnel-{tag}.png", TestPng.Create(800, 300), "本周漏斗图"), $"sbx-media-image-{tag}"),
            AppMessageRenderer.Render("sbx_rep", Reply.File($"本周报表-{tag}.xlsx", new byte[3000], "本周报表"), $"sbx-media-file-{tag}"),
        ], CancellationToken.None);

        var bubble = page.Locator(".msg.picture", new() { Has = page.Locator($"img[alt='funnel-{tag}.png']") });
        var picture = bubble.Locator("img");
        await Expect(picture).ToBeVisibleAsync();
        await Expect(picture).ToHaveJSPropertyAsync("naturalWidth", 800);
        var shown = await picture.BoundingBoxAsync();
        var around = await bubble.BoundingBoxAsync();
        var chat = await page.Locator("#chat").BoundingBoxAsync();
        Assert.NotNull(shown);
        Assert.True(shown is { Width: > 0, Height: > 0 }, $"the picture is {shown.Width}×{shown.Height} px");
        Assert.True(shown.Width <= around!.Width && around.Width <= chat!.Width, $"picture {shown.Width} px, bubble {around.Width} px, chat {chat?.Width} px");
        Assert.InRange(shown.Height / shown.Width, 0.36, 0.39);
        var file = page.Locator(".msg.file", new() { HasText = $"本周报表-{tag}.xlsx" });
        await Expect(file.Locator("a")).ToHaveAttributeAsync("download", $"本周报表-{tag}.xlsx");
        await Expect(file).ToContainTextAsync("2.9 KB");
        Assert.Empty(_pageErrors);
    }
}
