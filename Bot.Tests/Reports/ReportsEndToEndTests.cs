using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Reports;

/// <summary>
/// Managers' reporting through the WeCom emulator on the demo company (manager 王强, reps 李娜 张伟 陈静 刘洋, deals and
/// this month's targets), the clock on Wednesday 2026-12-16 10:00 Beijing: targets set and reported with a chart, the
/// forecast with its deals, the funnel with its pictures, the workbook as a file; deals opened and changed from chat
/// and undone; reps refused what is a manager's.
/// </summary>
public sealed class ReportsEndToEndTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 16, 2, 0, 0, TimeSpan.Zero);
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(new FakeTimeProvider(Wednesday));

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<IReadOnlyList<CapturedMessage>> SayAsync(string user, string text, int expected)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(user, text));
        var messages = await _bot.MessagesToAsync(user, before + expected);
        Assert.True(messages.Count >= before + expected, $"{messages.Count - before} of {expected} replies to {user}: {string.Join(" | ", messages.Skip(before).Select(m => m.Content))}");
        return [.. messages.Skip(before)];
    }

    private async Task<byte[]> MediaAsync(CapturedMessage message)
    {
        using var response = await _bot.Emulator.GetAsync("control/media/" + message.Media!.MediaId);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql) ?? throw new InvalidOperationException("no value");
    }

    [Fact]
    public async Task TargetReport_Manager_RanksTheTeamAndSendsTheChartAsAPng()
    {
        var replies = await SayAsync("wangqiang", "本月目标完成情况", 2);

        var text = replies[0].Content!;
        Assert.StartsWith("**团队目标完成情况 · 12月**（已过 16/31 天，52%）", text);
        Assert.Contains("整体：已签 ", text);
        Assert.Contains("/ 目标 200万", text);
        Assert.Contains("\n**排名**\n1. ", text);
        Assert.Equal(4, text.Split('\n').Count(l => l.Length > 2 && char.IsAsciiDigit(l[0]) && l[1] == '.'));
        Assert.Equal("image", replies[1].MsgType);
        Assert.Equal((800, 500), TestPng.Size(await MediaAsync(replies[1])));
    }

    [Fact]
    public async Task SetTarget_ManagerForNextMonth_TheRepIsTold_ThenUndo_LeavesNothing()
    {
        var set = await SayAsync("wangqiang", "张伟下个月目标50万", 1);
        Assert.Equal("已设定：张伟 2027年1月目标 50万。\n说错了回复「撤销」。", set[0].Content);
        Assert.Equal(500_000m, await ScalarAsync<decimal>("select amount from sales_targets t join users u on u.id = t.user_id where u.wecom_userid = 'zhangwei' and period_start = '2027-01-01'"));
        var told = await _bot.MessagesToAsync("zhangwei", 1);
        Assert.Equal("王强为你设定了2027年1月目标：50万。", Assert.Single(told).Content);

        await SayAsync("wangqiang", "撤销", 1);

        Assert.Equal(0, await ScalarAsync<int>("select count(*) from sales_targets where period_start = '2027-01-01'"));
        Assert.Equal("王强撤回了刚才为你设定的2027年1月目标。", (await _bot.MessagesToAsync("zhangwei", 2))[^1].Content);
    }

    [Fact]
    public async Task SetTarget_Rep_IsRefused_AndNothingIsStored()
    {
        var reply = await SayAsync("lina", "张伟下个月目标50万", 1);

        Assert.StartsWith("销售目标由主管设定。", reply[0].Content);
        Assert.Equal(0, await ScalarAsync<int>("select count(*) from sales_targets where period_start = '2027-01-01'"));
    }

    [Fact]
    public async Task SetTarget_MemberOfAnotherTeam_IsRefused_AndNothingIsStored()
    {
        var users = _bot.Services.GetRequiredService<Bot.Conversations.Team.IUserDirectory>();
        var other = await users.UpsertAsync("zhaomin", "赵敏", Bot.Conversations.Team.UserRole.Manager, null, CancellationToken.None);
        await users.UpsertAsync("sunli", "孙丽", Bot.Conversations.Team.UserRole.Rep, other.Id, CancellationToken.None);

        var reply = await SayAsync("wangqiang", "孙丽下个月目标50万", 1);

        Assert.Equal("孙丽不在你的团队里，目标请由TA的主管来设。", reply[0].Content);
        Assert.Equal(0, await ScalarAsync<int>("select count(*) from sales_targets where period_start = '2027-01-01'"));
    }

    [Fact]
    public async Task Deal_OpenedChangedAndWon_FromChat_AndUndoRestoresIt()
    {
        var opened = await SayAsync("lina", "天元三期，预计15万，月底签", 1);
        Assert.Equal("已新建商机：天元培训·三期，15万 · 预计12月31日（周四）签。\n说错了回复「撤销」。", opened[0].Content);

        var changed = await SayAsync("lina", "金额改成25万", 1);
        Assert.Equal("已更新商机 天元培训·三期：金额 15万→25万。\n说错了回复「撤销」。", changed[0].Content);

        var won = await SayAsync("lina", "天元三期签了，30万", 1);
        Assert.Contains("商机「三期」记为成交，30万。", won[0].Content);
        Assert.Equal("won", await ScalarAsync<string>("select stage from deals where title = '三期'"));

        await SayAsync("lina", "撤销", 1);

        Assert.Equal(("qualified", 250_000m), (await ScalarAsync<string>("select stage from deals where title = '三期'"), await ScalarAsync<decimal>("select amount from deals where title = '三期'")));
        Assert.Equal("qualified", await ScalarAsync<string>("select stage from customers where short_name = '天元培训'"));
    }

    [Fact]
    public async Task Forecast_Manager_WeightsTheDealsAndPagesThem()
    {
        var replies = await SayAsync("wangqiang", "本月能签多少", 1);

        var text = replies[0].Content!;
        Assert.StartsWith("**团队销售预测 · 本月（截至12月31日）**", text);
        Assert.Contains("**预计可达：", text);
        Assert.Contains("（加权＝金额×阶段赢单率：潜在 10%、意向 30%、洽谈 60%）", text);
        Assert.Contains("**预计期内签约的商机**\n· ", text);
    }

    [Fact]
    public async Task FunnelReport_Manager_TextThenFunnelAndTrendPictures_PerRepStageLines()
    {
        var replies = await SayAsync("wangqiang", "本月漏斗", 3);

        Assert.StartsWith("**团队漏斗 · 本月（12/1–12/31）**", replies[0].Content);
        Assert.Contains("（转化＝期内到过该阶段的客户中，期内推进到下一阶段或更后的比例）", replies[0].Content);
        Assert.Equal(4, replies[0].Content!.Split('\n').Count(l => l.StartsWith("· ", StringComparison.Ordinal) && l.Contains("｜成交 ", StringComparison.Ordinal)));
        Assert.Equal(["image", "image"], replies.Skip(1).Take(2).Select(m => m.MsgType));
        foreach (var picture in replies.Skip(1).Take(2))
            Assert.Equal((800, 500), TestPng.Size(await MediaAsync(picture)));
    }

    [Fact]
    public async Task FunnelReport_ManagerAsksAboutOneRep_GetsThatRepsReportOnly()
    {
        var replies = await SayAsync("wangqiang", "张伟本月业绩", 3);

        Assert.StartsWith("**张伟的漏斗 · 本月（12/1–12/31）**\n成交客户 ", replies[0].Content);
        Assert.DoesNotContain("· 李娜：", replies[0].Content);
    }

    [Fact]
    public async Task Export_Manager_GetsAWorkbookWithTheFourSheets()
    {
        var replies = await SayAsync("wangqiang", "把本月报表导出来", 2);

        Assert.StartsWith("团队销售报表 · 本月", replies[0].Content);
        Assert.Equal("file", replies[1].MsgType);
        Assert.EndsWith(".xlsx", replies[1].Media!.FileName);
        using var stream = new MemoryStream(await MediaAsync(replies[1]));
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["概览", "按销售", "商机预测", "每日跟进"], sheets);
        var perRep = (WorksheetPart)workbook.WorkbookPart.GetPartById(workbook.WorkbookPart.Workbook.Sheets.Elements<Sheet>().ElementAt(1).Id!);
        Assert.Equal(1 + 4, perRep.Worksheet.Descendants<Row>().Count());
    }
}
