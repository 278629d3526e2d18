using Bot.Sandbox.Emulator;
using Bot.Tests.Care;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Care from chat through the WeCom emulator on the demo company on the morning of 中秋 2026: the plan lists the
/// day's festival and birthday greetings with their texts, a rep skips one, rewrites one, undoes and redoes it, the
/// 09:00 run queues exactly that, and a greeting already queued or a colleague's customer is refused.
/// </summary>
public sealed class CareChatEndToEndTests : IAsyncLifetime
{
    private CareDemo _demo = null!;

    public async Task InitializeAsync() => _demo = await CareDemo.StartAsync();

    public Task DisposeAsync() => _demo.DisposeAsync().AsTask();

    /// <summary>Sends the text and returns the <paramref name="expected"/> messages it brought.</summary>
    private async Task<IReadOnlyList<CapturedMessage>> SayAsync(string user, string text, int expected = 1)
    {
        var before = (await _demo.Bot.MessagesToAsync(user, 0)).Count;
        await _demo.Bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(user, text));
        var messages = await _demo.Bot.MessagesToAsync(user, before + expected);
        Assert.True(messages.Count >= before + expected, $"{messages.Count - before} of {expected} replies to「{text}」");
        await _demo.Bot.SettledAsync(user);
        return [.. messages.Skip(before)];
    }

    /// <summary>A change said in chat; a reading the bot is unsure of is confirmed with 是, as the rep would.</summary>
    private async Task<string> ChangeAsync(string user, string text)
    {
        var reply = (await SayAsync(user, text))[0];
        if (reply.Payload.TryGetProperty("main_title", out var title) && title.GetProperty("title").GetString() == "请确认")
            reply = (await SayAsync(user, "是"))[0];
        return LiveBot.TextOf(reply);
    }

    [Fact]
    public async Task Rep_PlanSkipRewriteUndo_TheMorningRunQueuesWhatWasSaid_AQueuedGreetingCanNoLongerChange()
    {
        var plan = await SayAsync("lina", "这周要给哪些客户发祝福", expected: 2);
        var first = plan[0].Content!;
        Assert.StartsWith("**本周要发的客户祝福（", first);
        Assert.Contains("**今天 9月25日（周五）**\n· 星辰网络 李伟 · 生日祝福：「李总，生日快乐！", first);
        Assert.Contains("· 星辰网络 李伟 · 中秋祝福：「李总，中秋快乐！", first);
        Assert.Equal("更多", plan[1].Payload.GetProperty("button_list")[0].GetProperty("text").GetString());
        var more = (await SayAsync("lina", "更多"))[0].Content!;
        Assert.StartsWith("**本周的客户祝福（续）**", more);

        Assert.StartsWith("好的，今天 9月25日（周五）给天元培训 陈磊的中秋祝福这次不发了",
            await ChangeAsync("lina", "这次给天元培训陈校长的中秋祝福先不发"));
        Assert.StartsWith("好的，今天 9月25日（周五）给大禹快运 马超的中秋祝福改为：「马总，中秋快乐！这一年多谢您照顾。——李娜」",
            await ChangeAsync("lina", "给大禹快运马总的中秋祝福改成：马总，中秋快乐！这一年多谢您照顾。——李娜"));
        Assert.Equal("已撤销刚才的记录。", (await SayAsync("lina", "撤销"))[0].Content);
        Assert.StartsWith("好的，今天 9月25日（周五）给大禹快运 马超的中秋祝福改为：「马总，中秋快乐！祝您阖家团圆。——李娜」",
            await ChangeAsync("lina", "给大禹快运马总的中秋祝福改成：“马总，中秋快乐！祝您阖家团圆。——李娜”"));
        Assert.Contains("· 天元培训 陈磊 · 中秋祝福：这次不发（已跳过）", (await SayAsync("lina", "天元培训的祝福什么时候发"))[0].Content);

        var run = await _demo.RunCareAsync();
        // The run tells 李娜 what is waiting for her in 群发助手; that note comes before the next answer.
        await _demo.Bot.SettledAsync("lina");

        Assert.Equal(1, run.Skipped);
        Assert.Null(await _demo.QueuedTextAsync("天元培训", "陈磊"));
        Assert.Equal("马总，中秋快乐！祝您阖家团圆。——李娜", await _demo.QueuedTextAsync("大禹快运", "马超"));
        Assert.StartsWith("李校长，中秋快乐！", await _demo.QueuedTextAsync("联创培训", "李磊"));
        Assert.StartsWith("今天 9月25日（周五）给联创培训 李磊的中秋祝福已排进群发，马上会出现在群发助手，没法再改了。",
            await ChangeAsync("lina", "跳过联创培训李校长的中秋祝福"));
    }

    [Fact]
    public async Task ColleaguesCustomer_Refused_TheManagerSeesTheTeamsPlan()
    {
        Assert.Contains("不在你负责的客户范围内", await ChangeAsync("lina", "跳过华东精密刘经理的中秋祝福"));

        var team = (await SayAsync("wangqiang", "这周要给哪些客户发祝福", expected: 2))[0].Content!;
        Assert.Contains("· 星辰网络 李伟（李娜） · 生日祝福：", team);
    }

    [Fact]
    public async Task OneContactsBirthdayAndAFestival_AskedAbout_WhenAndToWhom_TheBirthdaySkippedByAClick()
    {
        var answer = await SayAsync("lina", "星辰网络李总的生日祝福什么时候发", expected: 2);
        Assert.StartsWith("**星辰网络 李伟接下来要发的客户祝福（1 条）**", answer[0].Content);
        Assert.Contains("**今天 9月25日（周五）**\n· 星辰网络 李伟 · 生日祝福：「李总，生日快乐！", answer[0].Content);
        var key = answer[1].Payload.GetProperty("button_list")[0].GetProperty("key").GetString()!;

        var before = (await _demo.Bot.MessagesToAsync("lina", 0)).Count;
        await _demo.Bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("lina", answer[1].TaskId!, key));
        var clicked = (await _demo.Bot.MessagesToAsync("lina", before + 1))[before];
        Assert.StartsWith("好的，今天 9月25日（周五）给星辰网络 李伟的生日祝福这次不发了", clicked.Content);
        Assert.Contains("· 星辰网络 李伟 · 生日祝福：这次不发（已跳过）", (await SayAsync("lina", "星辰网络李总的生日祝福什么时候发"))[0].Content);

        var festival = (await SayAsync("lina", "国庆祝福发给谁", expected: 2))[0].Content!;
        Assert.StartsWith("**国庆 10月1日（周四）要发的客户祝福（30 条）**", festival);
    }
}
