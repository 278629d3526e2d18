using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Conversations.Understanding.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Care;

/// <summary>
/// care_plan and change_greeting answered for the intent given (whatever the classifier would read) on the demo company
/// at 中秋 2026: what the plan lists, and each way a change is made, refused, asked about and undone.
/// </summary>
public sealed class CareChatTests : IAsyncLifetime
{
    private CareDemo _demo = null!;

    public async Task InitializeAsync() => _demo = await CareDemo.StartAsync();

    public Task DisposeAsync() => _demo.DisposeAsync().AsTask();

    private T Get<T>() where T : notnull => _demo.Bot.Services.GetRequiredService<T>();

    /// <summary>What the user is answered when <paramref name="text"/> is read as <paramref name="intent"/>.</summary>
    private async Task<IReadOnlyList<Reply>> AskAsync(string user, string text, Intent intent)
    {
        var now = _demo.Clock.GetUtcNow();
        var users = Get<IUserDirectory>();
        var sender = (await users.FindByWeComIdAsync(user, CancellationToken.None))!;
        var scope = await UserScope.ForAsync(sender, users, CancellationToken.None);
        var dialog = await DialogSession.LoadAsync(Get<IDialogStateStore>(), user, now, CancellationToken.None);
        var parsed = MessageParser.Parse(text, scope, now, await Get<CustomerDirectory>().GetAsync(CancellationToken.None), intent: intent);
        var turn = new DialogTurn(new IncomingMessage(0, user, text, now, ChannelKind.App), TextNormalizer.Normalize(text), sender, scope, dialog, now);
        return await Get<IntentDispatch>().DispatchAsync(turn, parsed, confirmed: true, CancellationToken.None);
    }

    private async Task<string> SayAsync(string user, string text, Intent intent) => (await AskAsync(user, text, intent))[0].Text;

    private async Task<string> UndoAsync(string user) =>
        (await Get<IConversationEngine>().HandleAsync(new IncomingMessage(0, user, "撤销", _demo.Clock.GetUtcNow(), ChannelKind.App), CancellationToken.None))[0].Text;

    private async Task<string> ClickAsync(string user, ReplyButton button) =>
        (await Get<IConversationEngine>().HandleAsync(
            new IncomingMessage(0, user, "", _demo.Clock.GetUtcNow(), ChannelKind.App, MessageKind.ButtonClick, button.Key), CancellationToken.None))[0].Text;

    [Fact]
    public async Task CarePlan_ThisWeek_DayByDayWithTheTextsThatWillGoOut_PagedWithMore()
    {
        var replies = await AskAsync("lina", "这周要给哪些客户发祝福", Intent.CarePlan);

        var page = replies[0].Text;
        Assert.StartsWith("**本周要发的客户祝福（", page);
        Assert.Contains("\n不想发或要改文字，就说「跳过星辰网络李总的生日祝福」或「星辰网络李总的生日祝福改成：……」。\n**今天 9月25日（周五）**\n", page);
        Assert.Contains("· 星辰网络 李伟 · 生日祝福：「李总，生日快乐！", page);
        Assert.Contains("· 星辰网络 李伟 · 中秋祝福：「李总，中秋快乐！月圆人团圆", page);
        Assert.DoesNotContain("（李娜）", page);
        Assert.Equal(5, page.Split('\n').Count(l => l.StartsWith("· ", StringComparison.Ordinal)));
        Assert.Equal("更多", Assert.Single(replies[1].Buttons!).Text);
    }

    [Fact]
    public async Task CarePlan_Manager_SeesTheTeamsGreetingsWithTheirOwners()
    {
        var page = await SayAsync("wangqiang", "未来一周要发哪些祝福", Intent.CarePlan);

        Assert.StartsWith("**未来7天要发的客户祝福（", page);
        Assert.Contains("· 星辰网络 李伟（李娜） · 生日祝福：", page);
    }

    [Fact]
    public async Task CarePlan_OneContactsBirthday_WhenAndWhat()
    {
        var page = await SayAsync("lina", "星辰网络李总的生日祝福什么时候发", Intent.CarePlan);

        Assert.StartsWith("**星辰网络 李伟接下来要发的客户祝福（1 条）**\n", page);
        Assert.Contains("**今天 9月25日（周五）**\n· 星辰网络 李伟 · 生日祝福：「李总，生日快乐！", page);
    }

    [Fact]
    public async Task CarePlan_FestivalNamed_ItsDayOnly()
    {
        var page = await SayAsync("lina", "国庆祝福发给谁", Intent.CarePlan);

        Assert.StartsWith("**国庆 10月1日（周四）要发的客户祝福（30 条）**", page);
        Assert.DoesNotContain("中秋", page);
    }

    [Fact]
    public async Task ChangeGreeting_SkipThenSkipAgain_SkippedOnceAndThePlanSaysSo()
    {
        var skipped = await SayAsync("lina", "这次给天元培训陈校长的中秋祝福先不发", Intent.ChangeGreeting);
        var again = await SayAsync("lina", "天元培训陈校长的中秋祝福跳过", Intent.ChangeGreeting);
        var plan = await SayAsync("lina", "天元培训的祝福什么时候发", Intent.CarePlan);

        Assert.Equal("好的，今天 9月25日（周五）给天元培训 陈磊的中秋祝福这次不发了，以后的祝福照常。\n说错了回复「撤销」。", skipped);
        Assert.Equal("今天 9月25日（周五）给天元培训 陈磊的中秋祝福已经跳过了，这次不会发。", again);
        Assert.Contains("· 天元培训 陈磊 · 中秋祝福：这次不发（已跳过）", plan);
    }

    [Fact]
    public async Task ChangeGreeting_Rewritten_ThePlanShowsTheNewText_UndoPutsTheTemplateBack()
    {
        var done = await SayAsync("lina", "给大禹快运马总的中秋祝福改成：“马总，中秋快乐！这一年多谢您照顾，祝阖家团圆。——李娜”", Intent.ChangeGreeting);

        Assert.Equal("好的，今天 9月25日（周五）给大禹快运 马超的中秋祝福改为：「马总，中秋快乐！这一年多谢您照顾，祝阖家团圆。——李娜」。\n说错了回复「撤销」。", done);
        Assert.Contains("· 大禹快运 马超 · 中秋祝福：「马总，中秋快乐！这一年多谢您照顾，祝阖家团圆。——李娜」（已改写）",
            await SayAsync("lina", "大禹快运马总的中秋祝福发什么", Intent.CarePlan));

        Assert.Equal("已撤销刚才的记录。", await UndoAsync("lina"));
        Assert.Contains("· 大禹快运 马超 · 中秋祝福：「马总，中秋快乐！月圆人团圆", await SayAsync("lina", "大禹快运马总的中秋祝福发什么", Intent.CarePlan));
    }

    [Fact]
    public async Task ChangeGreeting_RewriteTooLongOrWithAnIdNumber_Refused()
    {
        var tooLong = await SayAsync("lina", "大禹快运马总的中秋祝福改成：" + string.Concat(Enumerable.Repeat("中秋快乐，", 30)), Intent.ChangeGreeting);
        var withId = await AskAsync("lina", "大禹快运马总的中秋祝福改成：马总好，您的身份证号 11010519491231002X 已登记", Intent.ChangeGreeting);

        Assert.Equal("祝福最多 120 个字，这条有 150 个字，精简一下再发我。", tooLong);
        Assert.Contains(withId, r => r.Text == "祝福里不能带身份证号或银行卡号。");
        Assert.Contains("「马总，中秋快乐！月圆人团圆", await SayAsync("lina", "大禹快运马总的中秋祝福发什么", Intent.CarePlan));
    }

    [Fact]
    public async Task ChangeGreeting_SeveralContactsFit_AsksWhich()
    {
        var asked = await SayAsync("lina", "跳过飞鸿快运的中秋祝福", Intent.ChangeGreeting);

        Assert.Equal("""
            飞鸿快运接下来有 3 条祝福，是哪一条？
            · 今天 9月25日（周五） 周超 · 中秋祝福
            · 今天 9月25日（周五） 朱刚 · 中秋祝福
            · 今天 9月25日（周五） 张海燕 · 中秋祝福
            请带上联系人和节日再说一次，比如「跳过飞鸿快运周总的中秋祝福」。
            """, asked);
        Assert.StartsWith("好的，今天 9月25日（周五）给飞鸿快运 朱刚的中秋祝福这次不发了", await SayAsync("lina", "跳过飞鸿快运朱总的中秋祝福", Intent.ChangeGreeting));
    }

    [Fact]
    public async Task ChangeGreeting_SeveralFit_AClickSkipsTheOneClicked_UndoTakesItBack()
    {
        var buttons = (await AskAsync("lina", "飞鸿快运的中秋祝福这次不发", Intent.ChangeGreeting))[1].Buttons!;
        Assert.Equal(["周超 中秋祝福", "朱刚 中秋祝福", "张海燕 中秋祝福"], buttons.Select(b => b.Text));

        Assert.StartsWith("好的，今天 9月25日（周五）给飞鸿快运 张海燕的中秋祝福这次不发了", await ClickAsync("lina", buttons[2]));
        Assert.StartsWith("今天 9月25日（周五）给飞鸿快运 张海燕的中秋祝福已经跳过了", await ClickAsync("lina", buttons[2]));
        Assert.Equal("已撤销刚才的记录。", await UndoAsync("lina"));
        Assert.Contains("· 飞鸿快运 张海燕 · 中秋祝福：「张主管，中秋快乐！", await SayAsync("lina", "飞鸿快运张主管的中秋祝福发什么", Intent.CarePlan));
    }

    [Fact]
    public async Task CarePlan_OneGreetingThatCanChange_OffersThisTimeNot_AColleagueCannotClickIt()
    {
        var replies = await AskAsync("lina", "星辰网络李总的生日祝福什么时候发", Intent.CarePlan);
        var button = Assert.Single(replies[1].Buttons!);
        Assert.Equal(("这次不发", "不想发星辰网络李总的生日祝福的话，点「这次不发」。"), (button.Text, replies[1].Text));

        Assert.StartsWith("这条祝福已经不在计划里了", await ClickAsync("zhangwei", button));
        Assert.StartsWith("好的，今天 9月25日（周五）给星辰网络 李伟的生日祝福这次不发了", await ClickAsync("lina", button));
    }

    [Fact]
    public async Task ChangeGreeting_SkippedThenBackToNormalThenUndone_SkippedAgain_AndAColleaguesCustomerRefused()
    {
        await SayAsync("lina", "跳过天元培训陈校长的中秋祝福", Intent.ChangeGreeting);

        Assert.Equal("好的，今天 9月25日（周五）给天元培训 陈磊的中秋祝福恢复照常发送。\n说错了回复「撤销」。",
            await SayAsync("lina", "天元培训陈校长的中秋祝福还是照常发吧", Intent.ChangeGreeting));
        Assert.Equal("已撤销刚才的记录。", await UndoAsync("lina"));
        Assert.Contains("· 天元培训 陈磊 · 中秋祝福：这次不发（已跳过）", await SayAsync("lina", "天元培训的祝福什么时候发", Intent.CarePlan));
        Assert.Equal("「华东精密」不在你负责的客户范围内，我没法查看或修改。需要的话请找你的主管。",
            await SayAsync("lina", "跳过华东精密的中秋祝福", Intent.ChangeGreeting));
    }

    [Fact]
    public async Task ChangeGreeting_ManagerForTheTeam_Done_ForAnUnreachableCustomer_NothingToChange()
    {
        Assert.StartsWith("好的，今天 9月25日（周五）给天元培训 陈磊的中秋祝福这次不发了",
            await SayAsync("wangqiang", "这次给天元培训陈校长的中秋祝福先不发", Intent.ChangeGreeting));
        Assert.StartsWith("卓越职业 赵洋接下来没有要发的祝福，没有可改的。",
            await SayAsync("wangqiang", "跳过卓越职业赵校长的祝福", Intent.ChangeGreeting));
    }

    [Fact]
    public async Task ChangeGreeting_AfterTheMorningRun_QueuedGreetingRefused_SkippedOneNotQueued()
    {
        await SayAsync("lina", "这次给天元培训陈校长的中秋祝福先不发", Intent.ChangeGreeting);
        await SayAsync("lina", "给大禹快运马总的中秋祝福改成：马总，中秋快乐！——李娜", Intent.ChangeGreeting);

        var run = await _demo.RunCareAsync();

        Assert.Equal(1, run.Skipped);
        Assert.Null(await _demo.QueuedTextAsync("天元培训", "陈磊"));
        Assert.Equal("马总，中秋快乐！——李娜", await _demo.QueuedTextAsync("大禹快运", "马超"));
        Assert.Equal("今天 9月25日（周五）给联创培训 李磊的中秋祝福已排进群发，马上会出现在群发助手，没法再改了。不想发的话，在企业微信「群发助手」里不点发送就好。",
            await SayAsync("lina", "跳过联创培训李校长的中秋祝福", Intent.ChangeGreeting));
        Assert.Contains("· 联创培训 李磊 · 中秋祝福：已排进群发", await SayAsync("lina", "联创培训的祝福什么时候发", Intent.CarePlan));
        Assert.EndsWith("没法再改了。不想发的话，让李娜在企业微信「群发助手」里不点发送就好。",
            await SayAsync("wangqiang", "跳过联创培训李校长的中秋祝福", Intent.ChangeGreeting));
    }
}
