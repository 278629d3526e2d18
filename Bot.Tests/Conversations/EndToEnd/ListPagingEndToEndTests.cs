using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// 「更多」 on long lists through the WeCom emulator with the demo company (15 customers per rep, ten to a page):
/// the first page says how many are left and carries a 「更多」 button, 「更多」 or the click shows the rest, and any
/// other message drops it.
/// </summary>
public sealed class ListPagingEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    /// <summary>Sends the text and returns the <paramref name="expected"/> messages it brought.</summary>
    private async Task<IReadOnlyList<CapturedMessage>> SayAsync(string user, string text, int expected)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(user, text));
        return await NewMessagesAsync(user, before, expected);
    }

    private async Task<IReadOnlyList<CapturedMessage>> NewMessagesAsync(string user, int before, int expected)
    {
        var messages = await _bot.MessagesToAsync(user, before + expected);
        Assert.True(messages.Count >= before + expected, $"{messages.Count - before} of {expected} replies to {user}");
        return [.. messages.Skip(before)];
    }

    private static List<string> Customers(string page) => [.. page.Split('\n').Where(l => l.StartsWith("· ", StringComparison.Ordinal))];

    private static void AssertFirstPage(IReadOnlyList<CapturedMessage> replies, out List<string> shown, out int left)
    {
        var page = replies[0].Content!;
        Assert.StartsWith("**客户（", page);
        shown = Customers(page);
        Assert.Equal(10, shown.Count);
        var tail = page.Split('\n')[^1];
        Assert.Matches("^还有 [0-9]+ 个，回复「更多」看下一页$", tail);
        left = int.Parse(tail["还有 ".Length..tail.IndexOf(" 个", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var button = Assert.Single(replies[1].Payload.GetProperty("button_list").EnumerateArray());
        Assert.Equal("更多", button.GetProperty("text").GetString());
    }

    private static void AssertLastPage(string page, List<string> shown, int left)
    {
        Assert.StartsWith("**客户（续）**", page);
        var rest = Customers(page);
        Assert.Equal(left, rest.Count);
        Assert.Empty(rest.Intersect(shown));
        Assert.EndsWith("\n没有更多了。", page);
    }

    [Fact]
    public async Task ListCustomers_MoreThanAPage_MoreShowsTheRestThenTheEnd()
    {
        AssertFirstPage(await SayAsync("lina", "我的客户", 2), out var shown, out var left);

        AssertLastPage((await SayAsync("lina", "更多", 1))[0].Content!, shown, left);
        Assert.StartsWith("没有更多了。", (await SayAsync("lina", "更多", 1))[0].Content);
    }

    [Fact]
    public async Task ListCustomers_MoreButtonClicked_ShowsTheNextPage()
    {
        var replies = await SayAsync("zhangwei", "我的客户", 2);
        AssertFirstPage(replies, out var shown, out var left);

        var before = (await _bot.MessagesToAsync("zhangwei", 0)).Count;
        await _bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("zhangwei", replies[1].TaskId!, "list:more"));

        AssertLastPage((await NewMessagesAsync("zhangwei", before, 1))[0].Content!, shown, left);
    }

    [Fact]
    public async Task ListCustomers_AnotherMessageInBetween_DropsTheRest()
    {
        AssertFirstPage(await SayAsync("chenjing", "我的客户", 2), out _, out _);
        await SayAsync("chenjing", "帮助", 1);

        Assert.StartsWith("没有更多了。", (await SayAsync("chenjing", "更多", 1))[0].Content);
    }

    [Fact]
    public async Task ChurnList_SaysEachAdviceOnce()
    {
        var page = (await SayAsync("wangqiang", "哪些客户快流失了", 1))[0].Content!;

        var advice = page.Split('\n').Where(l => l.StartsWith("建议：", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(advice);
        Assert.Equal(advice.Distinct().Count(), advice.Count);
    }
}
