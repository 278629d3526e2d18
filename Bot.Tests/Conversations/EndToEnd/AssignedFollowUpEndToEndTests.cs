using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// A manager gives a rep a follow-up in chat, through the WeCom emulator on the demo company (wangqiang manages lina,
/// zhangwei, chenjing and liuyang): the rep gets a reminder and a notice, the manager hears when it is done — by
/// 做完了 or by logging the visit — and 撤销 calls it off. Reps cannot assign, and a customer is not assigned over its
/// owner's head.
/// </summary>
public sealed class AssignedFollowUpEndToEndTests : IAsyncLifetime
{
    // Wednesday 2 December 2026, 09:00 in Beijing.
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(new FakeTimeProvider(Wednesday));

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        var reply = LiveBot.TextOf(await _bot.SayAsync(user, text, before + 1));
        await _bot.SettledAsync(user);
        return reply;
    }

    private async Task<string> LastMessageToAsync(string user, int atLeast)
    {
        var messages = await _bot.MessagesToAsync(user, atLeast);
        Assert.True(messages.Count >= atLeast, $"{user} got {messages.Count} messages, expected {atLeast}");
        return LiveBot.TextOf(messages[^1]);
    }

    /// <summary>A customer of the rep whose short name no other customer shares, so the message names exactly it.</summary>
    private async Task<string> OwnCustomerAsync(string rep, int skip = 0)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.QuerySingleAsync<string>("""
            select c.short_name from customers c join users u on u.id = c.owner_id
            where u.wecom_userid = @Rep and c.stage <> 'lost' and c.short_name is not null and char_length(c.short_name) >= 3
              and not exists (select 1 from customers o where o.id <> c.id
                              and (position(c.short_name in o.legal_name) > 0 or position(c.short_name in coalesce(o.short_name, '')) > 0))
            order by c.id offset @Skip limit 1
            """, new { Rep = rep, Skip = skip });
    }

    private async Task<List<(long Id, string Status, long? AssignedBy)>> RemindersAsync(string rep, string customer)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var rows = await connection.QueryAsync<(long, string, long?)>("""
            select r.id, r.status, r.assigned_by from reminders r join users u on u.id = r.rep_id join customers c on c.id = r.customer_id
            where u.wecom_userid = @Rep and c.short_name = @Customer and r.assigned_by is not null order by r.id
            """, new { Rep = rep, Customer = customer });
        return [.. rows];
    }

    [Fact]
    public async Task ManagerAssigns_RepIsTold_AndManagerHearsWhenDone()
    {
        var customer = await OwnCustomerAsync("zhangwei");

        var reply = await SayAsync("wangqiang", $"让张伟明天下午3点前去拜访{customer}");

        Assert.StartsWith("已安排：张伟 明天 12月3日（周四） 15:00 跟进" + customer, reply);
        var assigned = Assert.Single(await RemindersAsync("zhangwei", customer));
        Assert.Equal("open", assigned.Status);
        Assert.Contains("王强给你安排了一项跟进", await LastMessageToAsync("zhangwei", 1));

        var done = await SayAsync("zhangwei", $"{customer}的跟进做完了");

        Assert.StartsWith("已完成：", done);
        Assert.Equal("done", Assert.Single(await RemindersAsync("zhangwei", customer)).Status);
        Assert.StartsWith($"张伟已完成你安排的跟进：{customer}", await LastMessageToAsync("wangqiang", 2));
    }

    [Fact]
    public async Task RepLogsTheVisit_CompletesTheAssignment_AndTheManagerReadsWhatWasDone()
    {
        var customer = await OwnCustomerAsync("zhangwei", skip: 1);
        await SayAsync("wangqiang", $"让张伟周五去{customer}拜访一下");

        var logged = await SayAsync("zhangwei", $"刚去{customer}拜访了，对方想先试用一个月，下周二再跟进");

        Assert.Contains("王强安排的跟进已完成", logged);
        Assert.Equal("done", Assert.Single(await RemindersAsync("zhangwei", customer)).Status);
        var notice = await LastMessageToAsync("wangqiang", 2);
        Assert.StartsWith($"张伟已完成你安排的跟进：{customer}", notice);
        Assert.Contains("试用一个月", notice);
    }

    [Fact]
    public async Task Undo_CallsTheAssignmentOff_AndTellsTheRep()
    {
        var customer = await OwnCustomerAsync("zhangwei", skip: 2);
        await SayAsync("wangqiang", $"安排张伟明天上午给{customer}回个电话");
        Assert.Single(await RemindersAsync("zhangwei", customer));

        await SayAsync("wangqiang", "撤销");

        Assert.Empty(await RemindersAsync("zhangwei", customer));
        Assert.Contains("王强取消了刚才安排的跟进", await LastMessageToAsync("zhangwei", 2));
    }

    [Fact]
    public async Task RepCannotAssign_AndAColleaguesCustomerIsNotAssignedOverItsOwner()
    {
        var linas = await OwnCustomerAsync("lina");
        var zhangweis = await OwnCustomerAsync("zhangwei");

        var byRep = await SayAsync("lina", $"让张伟明天去拜访{linas}");
        var overOwner = await SayAsync("wangqiang", $"让张伟明天去拜访{linas}");

        Assert.StartsWith("给同事安排跟进需要主管来做", byRep);
        Assert.StartsWith($"{linas}是李娜的客户", overOwner);
        Assert.Empty(await RemindersAsync("zhangwei", linas));
        Assert.Empty(await RemindersAsync("zhangwei", zhangweis));
    }

    [Fact]
    public async Task Manager_RepOfAnotherTeam_Refused_NothingStored()
    {
        var users = _bot.Services.GetRequiredService<Bot.Conversations.Team.IUserDirectory>();
        var other = await users.UpsertAsync("zhaomin", "赵敏", Bot.Conversations.Team.UserRole.Manager, null, CancellationToken.None);
        await users.UpsertAsync("sunli", "孙丽", Bot.Conversations.Team.UserRole.Rep, other.Id, CancellationToken.None);
        var zhangweis = await OwnCustomerAsync("zhangwei");

        var reply = await SayAsync("wangqiang", $"让孙丽明天去拜访{zhangweis}");

        Assert.Equal("孙丽不在你的团队里，请TA的主管来安排。", reply);
        Assert.Empty(await RemindersAsync("sunli", zhangweis));
    }
}
