using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>A rep completes and postpones reminders in their own words, through the WeCom emulator, and takes it back with 撤销.</summary>
public sealed class ReminderByTextEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task<CapturedMessage> SayAsync(string user, string text, int replyNumber) => _bot.SayAsync(user, text, replyNumber);

    private sealed record Row(long Id, DateTime DueAt, string Status);

    /// <summary>The rep's earliest open reminder for the customer: the one "X的跟进" means.</summary>
    private async Task<Row> EarliestOpenAsync(string user, string legalName)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.QueryFirstAsync<Row>("""
            select r.id, r.due_at, r.status from reminders r join customers c on c.id = r.customer_id join users u on u.id = r.rep_id
            where u.wecom_userid = @User and c.legal_name = @Name and r.status = 'open' order by r.due_at, r.id
            """, new { User = user, Name = legalName });
    }

    private async Task<Row> ReminderAsync(long id)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.QuerySingleAsync<Row>("select id, due_at, status from reminders where id = @Id", new { Id = id });
    }

    [Fact]
    public async Task CompleteByText_MarksDone_UndoReopens()
    {
        await SayAsync("lina", "下周一上午10点提醒我回访成都星辰", 1);
        var target = await EarliestOpenAsync("lina", "成都星辰网络科技有限公司");

        var done = await SayAsync("lina", "成都星辰的跟进做完了", 2);

        Assert.StartsWith("已完成：", done.Content);
        Assert.EndsWith("说错了回复「撤销」。", done.Content);
        Assert.Equal("done", (await ReminderAsync(target.Id)).Status);

        Assert.Equal("已撤销刚才的记录。", (await SayAsync("lina", "撤销", 3)).Content);
        Assert.Equal(target, await ReminderAsync(target.Id));
    }

    [Fact]
    public async Task PostponeByText_TwoDaysLater_UndoPutsItBack()
    {
        await SayAsync("lina", "下周一上午10点提醒我回访南京金桥", 1);
        var target = await EarliestOpenAsync("lina", "南京金桥电子有限公司");
        var asked = DateTime.UtcNow;

        var moved = await SayAsync("lina", "南京金桥的跟进往后推两天", 2);

        Assert.StartsWith("已推迟到", moved.Content);
        var after = await ReminderAsync(target.Id);
        Assert.Equal("open", after.Status);
        if (target.DueAt > DateTime.UtcNow)
            Assert.Equal(target.DueAt.AddDays(2), after.DueAt);
        else
            Assert.InRange(after.DueAt, asked.AddDays(2).AddSeconds(-5), DateTime.UtcNow.AddDays(2));

        await SayAsync("lina", "撤销", 3);
        Assert.Equal(target, await ReminderAsync(target.Id));
    }

    [Fact]
    public async Task PostponeToADay_KeepsTheTimeOfDay()
    {
        await SayAsync("zhangwei", "明天下午4点提醒我回访苏州华东精密", 1);
        var target = await EarliestOpenAsync("zhangwei", "苏州华东精密机械有限公司");

        var moved = await SayAsync("zhangwei", "苏州华东精密的提醒推迟到下下周一", 2);

        var after = await ReminderAsync(target.Id);
        var local = after.DueAt.AddHours(8);
        Assert.Equal((DayOfWeek.Monday, target.DueAt.AddHours(8).TimeOfDay), (local.DayOfWeek, local.TimeOfDay));
        Assert.Contains(local.ToString("HH:mm"), moved.Content);
    }

    [Fact]
    public async Task AmbiguousCustomer_AsksWhich_ThenTheChosenOneIsCompleted()
    {
        await SayAsync("lina", "下周一上午10点提醒我回访成都星辰", 1);
        var target = await EarliestOpenAsync("lina", "成都星辰网络科技有限公司");

        var question = await SayAsync("lina", "星辰那个跟进做完了", 2);
        var template = question.Payload.TryGetProperty("template_card", out var inner) ? inner : question.Payload;
        var card = template.GetProperty("sub_title_text").GetString()!;
        Assert.Contains("你说的「星辰」是哪一家？", card);
        var choice = card.Split('\n').Single(l => l.EndsWith(". 成都星辰网络科技有限公司", StringComparison.Ordinal))[..1];

        var done = await SayAsync("lina", choice, 3);

        Assert.StartsWith("已完成：", done.Content);
        Assert.Equal("done", (await ReminderAsync(target.Id)).Status);
    }
}
