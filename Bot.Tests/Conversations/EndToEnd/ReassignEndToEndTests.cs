using Bot.Conversations.Customers;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Team;
using Bot.Host.Scheduling;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// 「把张伟的客户都转给李娜」 in chat, through the emulator: the manager confirms, the customers move and both reps are told;
/// a rep and a colleague outside the team are refused; WeCom's transfer of the contacts follows, a customer who refuses
/// it stays with the old rep (both told), and a rep who left goes through the resigned endpoint.
/// </summary>
public sealed class ReassignEndToEndTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 16, 2, 0, 0, TimeSpan.Zero));
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync(_clock);
        var users = _bot.Services.GetRequiredService<IUserDirectory>();
        var other = await users.UpsertAsync("zhaomin", "赵敏", UserRole.Manager, null, None);
        var sunli = await users.UpsertAsync("sunli", "孙丽", UserRole.Rep, other.Id, None);
        await _bot.Services.GetRequiredService<ICustomerRepository>().AddAsync(
            new NewCustomer("北辰物流有限公司", "北辰物流", ["北辰"], null, null, null, sunli.Id, FunnelStage.Qualified), sunli.Id, None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<T?> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    /// <summary>What the member writes and the bot's next reply to them, once everything before it was delivered.</summary>
    private async Task<string> SayAsync(string user, string text)
    {
        await _bot.SettledAsync(user);
        var seen = (await _bot.MessagesToAsync(user, 0)).Count;
        return LiveBot.TextOf(await _bot.SayAsync(user, text, seen + 1));
    }

    private async Task<IReadOnlyList<string>> TextsToAsync(string user, string containing)
    {
        await _bot.SettledAsync(user);
        return [.. (await _bot.ControlAsync<List<CapturedMessage>>($"messages?touser={user}")).Select(LiveBot.TextOf).Where(t => t.Contains(containing, StringComparison.Ordinal))];
    }

    private Task<string> RunTransfersAsync() =>
        _bot.Services.GetServices<IScheduledJob>().Single(j => j.Name == "ContactTransfers").RunAsync(_clock.GetUtcNow(), None);


    private Task<long> OwnedByAsync(string user) =>
        QueryAsync<long>("select count(*) from customers c join users u on u.id = c.owner_id where u.wecom_userid = @User and c.deleted_at is null", new { User = user });

    [Fact]
    public async Task Manager_ReassignsNamedCustomers_ConfirmsThenMovedAndBothRepsTold()
    {
        await _bot.AddLinkedContactAsync("zhangwei", "周敏", "瑞丰商贸有限公司");

        var question = await SayAsync("wangqiang", "把张伟的瑞丰和蓝海转给李娜");
        var before = await OwnedByAsync("zhangwei");
        var done = await SayAsync("wangqiang", "确认");

        Assert.StartsWith("确认把瑞丰商贸、蓝海生物（2 个客户，原由张伟跟进）转给李娜吗？企业微信联系人 1 位会一起发起转接", question);
        Assert.EndsWith("回复「确认」执行。", question);
        Assert.Equal(15L, before);
        Assert.StartsWith("已把张伟的 2 个客户转给李娜：瑞丰商贸、蓝海生物。", done);
        Assert.Contains("企业微信联系人 1 位将发起转接", done);
        Assert.Contains("这次转移不能撤销，要转回去就再发一次转移。", done);
        Assert.Equal((13L, 17L), (await OwnedByAsync("zhangwei"), await OwnedByAsync("lina")));
        Assert.Single(await TextsToAsync("lina", "王强把张伟的 2 个客户转给了你：瑞丰商贸、蓝海生物"));
        Assert.Single(await TextsToAsync("zhangwei", "王强把你的 2 个客户转给了李娜：瑞丰商贸、蓝海生物"));
        Assert.Equal(ReassignmentText.CannotUndo, await SayAsync("wangqiang", "撤销"));
    }

    [Fact]
    public async Task Rep_AsksToReassign_RefusedNothingMoves()
    {
        var reply = await SayAsync("zhangwei", "把我的瑞丰商贸转给李娜吧，我跟不过来了");

        Assert.Equal(ReassignCustomersHandler.RepRefusal, reply);
        Assert.Equal(15L, await OwnedByAsync("zhangwei"));
        Assert.Equal(0L, await QueryAsync<long>("select count(*) from reassignments"));
    }

    [Fact]
    public async Task Manager_ColleagueOrCustomerOutsideTheTeam_Refused()
    {
        var colleague = await SayAsync("wangqiang", "孙丽的客户都转给李娜");
        var customer = await SayAsync("wangqiang", "北辰物流以后归陈静跟");

        Assert.Equal("孙丽不在你的团队里，TA的客户要转的话请找管理员。", colleague);
        Assert.Equal("「北辰物流」不在你负责的客户范围内，没法转。需要的话请找管理员。", customer);
        Assert.Equal(0L, await QueryAsync<long>("select count(*) from reassignments"));
    }

    [Fact]
    public async Task ContactRefusesTheTransfer_StaysWithTheOldRepAndBothAreTold()
    {
        var zhou = await _bot.AddLinkedContactAsync("zhangwei", "周敏", "瑞丰商贸有限公司");
        await SayAsync("wangqiang", "瑞丰商贸以后归李娜跟");
        await SayAsync("wangqiang", "确认");
        await RunTransfersAsync();

        var refused = await _bot.ControlAsync<RefuseTransferResponse>("transfers/refuse", new RefuseTransferRequest(zhou));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await QueryAsync<string>("select state from contact_transfers where external_userid = @Id", new { Id = zhou }) != "refused")
        {
            Assert.True(DateTime.UtcNow < deadline, "the refusal never reached the bot");
            await Task.Delay(50);
        }
        _clock.Advance(TimeSpan.FromHours(25));
        await RunTransfersAsync();

        Assert.True(refused.Callback.Delivered);
        Assert.Equal(["「瑞丰商贸」的周敏拒绝了企业微信转接，微信仍留在你这里；客户在系统里已归李娜，后续沟通请交接给李娜。"], await TextsToAsync("zhangwei", "拒绝了企业微信转接"));
        Assert.Equal(["「瑞丰商贸」的周敏拒绝了企业微信转接，微信仍在张伟那里；客户已归你，可以请张伟介绍后再加微信。"], await TextsToAsync("lina", "拒绝了企业微信转接"));
        Assert.Equal("zhangwei", await QueryAsync<string>("select wecom_follow_user from contacts where wecom_external_userid = @Id", new { Id = zhou }));
        Assert.Equal("lina", await QueryAsync<string>(
            "select u.wecom_userid from contacts t join customers c on c.id = t.customer_id join users u on u.id = c.owner_id where t.wecom_external_userid = @Id", new { Id = zhou }));
        var follows = await _bot.ControlAsync<List<System.Text.Json.JsonElement>>("contacts?userid=zhangwei");
        Assert.Contains(follows, c => c.GetProperty("contact").GetProperty("externalUserId").GetString() == zhou);
    }

    [Fact]
    public async Task RepWhoLeft_TheirCustomersGoThroughTheResignedTransfer()
    {
        var sun = await _bot.AddLinkedContactAsync("liuyang", "孙校长", "博远教育科技有限公司");
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("update users set active = false where wecom_userid = 'liuyang'");
        using (var resign = await _bot.Emulator.PostAsync("control/members/resign", System.Net.Http.Json.JsonContent.Create(new MemberRequest("liuyang"), options: EmulatorJson.Control)))
            resign.EnsureSuccessStatusCode();

        var question = await SayAsync("wangqiang", "刘洋离职了，他的客户都转给张伟");
        var done = await SayAsync("wangqiang", "确认");
        await RunTransfersAsync();
        var transfer = Assert.Single(await _bot.ControlAsync<List<CustomerTransfer>>("transfers"));
        _clock.Advance(TimeSpan.FromHours(25));
        await RunTransfersAsync();

        Assert.StartsWith("确认把刘洋的 15 个客户转给张伟吗？企业微信联系人 1 位会一起发起转接", question);
        Assert.StartsWith("已把刘洋的 15 个客户转给张伟", done);
        Assert.Contains("已通知张伟。", done);
        Assert.Equal((sun, "liuyang", "zhangwei", true), (transfer.ExternalUserId, transfer.HandoverUserId, transfer.TakeoverUserId, transfer.Resigned));
        Assert.Equal("taken_over", await QueryAsync<string>("select state from contact_transfers where external_userid = @Id", new { Id = sun }));
        Assert.Equal(30L, await OwnedByAsync("zhangwei"));
    }
}
