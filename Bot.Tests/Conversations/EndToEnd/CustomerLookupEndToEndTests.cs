using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Looking a customer up through the WeCom emulator on the demo company (Wednesday 2026-12-16): the contact asked about
/// comes first with their phone, the open deals and this year's orders are there, and a colleague's customer is refused.
/// </summary>
public sealed class CustomerLookupEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(new FakeTimeProvider(new DateTimeOffset(2026, 12, 16, 2, 0, 0, TimeSpan.Zero)));

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> AskAsync(string user, string text)
    {
        var seen = (await _bot.MessagesToAsync(user, 0)).Count;
        return LiveBot.TextOf(await _bot.SayAsync(user, text, seen + 1));
    }

    [Fact]
    public async Task ContactPhone_OwnCustomer_ShownFirstWithTheNumber()
    {
        var answer = await AskAsync("lina", "天元陈校长电话多少");

        Assert.Matches(@"\n联系人：陈磊（校长 1[0-9]{10}）", answer);
    }

    [Fact]
    public async Task Profile_ShowsOpenDealsAndThisYearsOrders()
    {
        var deal = await AskAsync("lina", "天元最近怎么样");
        var orders = await AskAsync("zhangwei", "华东精密机械有限公司最近怎么样");

        Assert.Contains("\n在跟商机：", deal);
        Assert.Contains("（意向）", deal);
        Assert.Contains("\n2026年还没有下单。", deal);
        Assert.Matches(@"\n2026年下单 [0-9]+ 笔，合计 ", orders);
    }

    [Fact]
    public async Task ColleaguesCustomer_IsRefused_WithoutItsContacts()
    {
        var answer = await AskAsync("zhangwei", "天元陈校长电话多少");

        Assert.DoesNotContain("陈磊（", answer);
    }

    [Fact]
    public async Task Birthdays_ThisWeek_OwnContactsSoonestFirst_AndAManagerSeesWhose()
    {
        var mine = await AskAsync("lina", "这周有哪些客户过生日");
        var team = await AskAsync("wangqiang", "本月过生日的客户");

        var lines = mine.Split('\n');
        Assert.Matches(@"^\*\*本周过生日的客户联系人（[0-9]+ 位）\*\*$", lines[0]);
        Assert.True(lines.Count(l => l.StartsWith("· ", StringComparison.Ordinal)) >= 3, mine);
        Assert.StartsWith("· 今天 12月16日（周三） ", lines[1]);
        Assert.DoesNotContain(" · 李娜", mine);
        Assert.StartsWith("**本月过生日的客户联系人（", team);
        Assert.Contains(" · 李娜", team);
    }
}
