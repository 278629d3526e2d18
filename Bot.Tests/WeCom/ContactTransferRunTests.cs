using Bot.Conversations.Reassignment;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding.Text;
using Bot.Host.Scheduling;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// Reassigned customers' WeChat accounts through the emulator's 客户继承: requested by the ContactTransfers job,
/// checked after WeCom's 24 hours, refused by the customer or stopped at the taker's limit (both reps told once), a
/// member who left through the resigned endpoint, and a request whose answer was lost.
/// </summary>
public sealed class ContactTransferRunTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 16, 2, 0, 0, TimeSpan.Zero));
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(_clock);

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private T Get<T>() where T : notnull => _bot.Services.GetRequiredService<T>();

    private Task<string> RunJobAsync() => Get<IEnumerable<IScheduledJob>>().Single(j => j.Name == "ContactTransfers").RunAsync(_clock.GetUtcNow(), None);

    private async Task<T?> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }


    private async Task<ReassignmentOutcome> ReassignAsync(string text)
    {
        var users = Get<IUserDirectory>();
        var manager = (await users.FindByWeComIdAsync("wangqiang", None))!;
        var plan = Assert.IsType<PlanResult.Ready>(await Get<ReassignmentPlanner>().FromMessageAsync(manager, TextNormalizer.Normalize(text), None)).Plan;
        return (await Get<CustomerReassignment>().ExecuteAsync(plan, manager, "chat:wangqiang", _clock.GetUtcNow(), None))!.Outcome;
    }

    private Task<string?> StateAsync(string externalUserId) =>
        QueryAsync<string>("select state from contact_transfers where external_userid = @Id order by id desc limit 1", new { Id = externalUserId });

    private async Task WaitForStateAsync(string externalUserId, string state)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await StateAsync(externalUserId) != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"transfer of {externalUserId} never became {state}");
            await Task.Delay(50);
        }
    }

    private async Task<IReadOnlyList<string>> CustomersOfAsync(string userId) =>
        [.. (await _bot.ControlAsync<List<System.Text.Json.JsonElement>>($"contacts?userid={userId}")).Select(c => c.GetProperty("contact").GetProperty("externalUserId").GetString()!)];

    private async Task<IReadOnlyList<string>> TextsToAsync(string user, string containing)
    {
        await _bot.SettledAsync(user);
        return [.. (await _bot.ControlAsync<List<CapturedMessage>>($"messages?touser={user}")).Select(LiveBot.TextOf).Where(t => t.Contains(containing, StringComparison.Ordinal))];
    }

    [Fact]
    public async Task Transfers_OneRefusedOneTakenOver_RefusalStaysWithOldRepAndBothAreToldOnce()
    {
        var zhou = await _bot.AddLinkedContactAsync("zhangwei", "周敏", "瑞丰商贸有限公司");
        var wu = await _bot.AddLinkedContactAsync("zhangwei", "吴昊", "蓝海生物科技有限公司");
        var outcome = await ReassignAsync("瑞丰和蓝海交给李娜");

        var requested = await RunJobAsync();
        var started = await _bot.ControlAsync<List<CustomerTransfer>>("transfers");
        await _bot.ControlAsync<RefuseTransferResponse>("transfers/refuse", new RefuseTransferRequest(zhou));
        await WaitForStateAsync(zhou, "refused");
        _clock.Advance(TimeSpan.FromHours(25));
        var checkedLater = await RunJobAsync();

        Assert.Equal(2, outcome.WeComContacts);
        Assert.StartsWith("客户转接：发起 2 个，失败 0 个，待查 0 个", requested);
        Assert.Equal(new[] { zhou, wu }.Order(), started.Select(t => t.ExternalUserId).Order());
        Assert.All(started, t => Assert.Equal(("zhangwei", "lina", false, 2), (t.HandoverUserId, t.TakeoverUserId, t.Resigned, t.Status)));
        Assert.Contains("核对 1 组成员的转接，告知 0 个没转成的", checkedLater);
        Assert.Equal("taken_over", await StateAsync(wu));
        Assert.Equal("lina|zhangwei", await QueryAsync<string>("""
            select string_agg(wecom_follow_user, '|' order by wecom_follow_user) from contacts where wecom_external_userid = any(@Ids)
            """, new { Ids = new[] { zhou, wu } }));
        Assert.Contains(wu, await CustomersOfAsync("lina"));
        Assert.Contains(zhou, await CustomersOfAsync("zhangwei"));
        Assert.Equal(["「瑞丰商贸」的周敏拒绝了企业微信转接，微信仍留在你这里；客户在系统里已归李娜，后续沟通请交接给李娜。"], await TextsToAsync("zhangwei", "拒绝了企业微信转接"));
        Assert.Equal(["「瑞丰商贸」的周敏拒绝了企业微信转接，微信仍在张伟那里；客户已归你，可以请张伟介绍后再加微信。"], await TextsToAsync("lina", "拒绝了企业微信转接"));
    }

    [Fact]
    public async Task Transfers_TakerAtLimit_StatusFourAndBothToldOnceByCallbackOrCheck()
    {
        var zhou = await _bot.AddLinkedContactAsync("zhangwei", "周敏", "瑞丰商贸有限公司");
        await ReassignAsync("瑞丰商贸交给李娜");
        await RunJobAsync();
        using (var limit = await _bot.Emulator.PostAsync("control/transfers/limit", System.Net.Http.Json.JsonContent.Create(new TransferLimitRequest("lina"), options: EmulatorJson.Control)))
            limit.EnsureSuccessStatusCode();

        _clock.Advance(TimeSpan.FromHours(25));
        await RunJobAsync();
        await WaitForStateAsync(zhou, "limit");
        await RunJobAsync();

        Assert.Single(await TextsToAsync("zhangwei", "没能转到李娜的企业微信"));
        Assert.Single(await TextsToAsync("lina", "没能转到你的企业微信：你的客户数已到上限"));
        Assert.Equal("zhangwei", await QueryAsync<string>("select wecom_follow_user from contacts where wecom_external_userid = @Id", new { Id = zhou }));
    }

    [Fact]
    public async Task Transfers_RepWhoLeft_ThroughTheResignedEndpoint()
    {
        var sun = await _bot.AddLinkedContactAsync("liuyang", "孙校长", "博远教育科技有限公司");
        await using (var connection = new NpgsqlConnection(_bot.ConnectionString))
            await connection.ExecuteAsync("update users set active = false where wecom_userid = 'liuyang'");
        using (var resign = await _bot.Emulator.PostAsync("control/members/resign", System.Net.Http.Json.JsonContent.Create(new MemberRequest("liuyang"), options: EmulatorJson.Control)))
            resign.EnsureSuccessStatusCode();
        var outcome = await ReassignAsync("刘洋离职了，他的客户分给张伟");

        await RunJobAsync();
        var started = Assert.Single(await _bot.ControlAsync<List<CustomerTransfer>>("transfers"));
        _clock.Advance(TimeSpan.FromHours(25));
        await RunJobAsync();

        Assert.Equal((15, 1), (outcome.Customers.Count, outcome.WeComContacts));
        Assert.Equal((sun, "liuyang", "zhangwei", true), (started.ExternalUserId, started.HandoverUserId, started.TakeoverUserId, started.Resigned));
        Assert.Equal("taken_over", await StateAsync(sun));
        Assert.Contains(sun, await CustomersOfAsync("zhangwei"));
        Assert.Empty(await TextsToAsync("liuyang", "转给了"));
        Assert.Single(await TextsToAsync("zhangwei", "王强把刘洋的 15 个客户转给了你"));
    }

    [Fact]
    public async Task Transfers_AnswerLostOnTheWay_LookedUpNotRequestedTwice()
    {
        var zhou = await _bot.AddLinkedContactAsync("zhangwei", "周敏", "瑞丰商贸有限公司");
        var wu = await _bot.AddLinkedContactAsync("zhangwei", "吴昊", "蓝海生物科技有限公司");
        await ReassignAsync("瑞丰和蓝海交给李娜");
        await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "externalcontact/transfer_customer", Drop = 3, DropAfterHandling = true });

        var lost = await RunJobAsync();
        var stillRequesting = await StateAsync(zhou);
        _clock.Advance(ContactTransferRun.RequestLease + TimeSpan.FromMinutes(1));
        await RunJobAsync();

        Assert.StartsWith("客户转接：发起 0 个，失败 0 个，待查 2 个", lost);
        Assert.Equal("requesting", stillRequesting);
        Assert.Equal(("waiting", "waiting"), (await StateAsync(zhou), await StateAsync(wu)));
        Assert.Equal(2, (await _bot.ControlAsync<List<CustomerTransfer>>("transfers")).Count);
    }

    [Fact]
    public async Task Transfers_ConnectionDroppedOnce_TheClientsRetryCountsAsStarted()
    {
        var zhou = await _bot.AddLinkedContactAsync("zhangwei", "周敏", "瑞丰商贸有限公司");
        await ReassignAsync("瑞丰商贸交给李娜");
        await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "externalcontact/transfer_customer", Drop = 1, DropAfterHandling = true });

        var requested = await RunJobAsync();

        Assert.StartsWith("客户转接：发起 1 个，失败 0 个", requested);
        Assert.Equal("waiting", await StateAsync(zhou));
        Assert.Single(await _bot.ControlAsync<List<CustomerTransfer>>("transfers"));
    }
}
