using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>`scripts/bot reassign` in its own process, against a running bot's database and its emulated WeCom.</summary>
public sealed class ReassignCommandLineTests : IAsyncLifetime
{
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task<BotProcess.Result> RunAsync(params string[] args) =>
        BotProcess.RunAsync(_bot.ConnectionString, _prefix, new Dictionary<string, string> { ["WeCom__BaseUrl"] = _bot.BaseUrl + "wecom-emulator/cgi-bin/" }, args);

    private async Task<string> LinkAsync(string rep, string name, string company)
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest(rep, name, CorpName: company));
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await connection.ExecuteScalarAsync<long>("select count(*) from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} never linked");
            await Task.Delay(50);
        }
        return added.ExternalUserId;
    }

    [Fact]
    public async Task Reassign_NamedCustomers_MovesThemRequestsWeComTransfersAndStatusShowsThem()
    {
        var zhou = await LinkAsync("zhangwei", "周敏", "瑞丰商贸有限公司");

        var moved = await RunAsync("reassign", "--from", "zhangwei", "--to", "lina", "--customers", "瑞丰商贸，蓝海生物");
        var status = await RunAsync("reassign", "status");

        Assert.True(moved.ExitCode == 0, moved.Error);
        Assert.Contains("已把张伟的 2 个客户转给李娜：瑞丰商贸、蓝海生物。", moved.Output);
        Assert.Contains("企业微信客户转接 zhangwei → lina（在职继承 externalcontact/transfer_customer）：", moved.Output);
        Assert.Contains($"  {zhou}：已发起，24 小时后自动接替（客户可拒绝）", moved.Output);
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Contains("张伟→李娜：等待接替 1", status.Output);
        Assert.Contains($"瑞丰商贸 周敏（{zhou}）：等待接替", status.Output);
        var transfer = Assert.Single(await _bot.ControlAsync<List<CustomerTransfer>>("transfers"));
        Assert.Equal((zhou, "zhangwei", "lina"), (transfer.ExternalUserId, transfer.HandoverUserId, transfer.TakeoverUserId));
        Assert.Contains(await _bot.MessagesToAsync("lina", 1), m => m.Content?.StartsWith("管理员把张伟的 2 个客户转给了你：瑞丰商贸、蓝海生物", StringComparison.Ordinal) == true);
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        Assert.Equal("cli", await connection.ExecuteScalarAsync<string>("select source from reassignments"));
    }

    [Fact]
    public async Task Reassign_UnknownMemberOrCustomer_ExitsNonZeroAndMovesNothing()
    {
        var unknown = await RunAsync("reassign", "--from", "nobody", "--to", "lina");
        var notTheirs = await RunAsync("reassign", "--from", "zhangwei", "--to", "lina", "--customers", "星辰网络科技有限公司");
        var usage = await RunAsync("reassign", "--to", "lina");

        Assert.Equal((2, 1, 2), (unknown.ExitCode, notTheirs.ExitCode, usage.ExitCode));
        Assert.Contains("找不到成员「nobody」", unknown.Error);
        Assert.Contains("「星辰网络科技有限公司」不是张伟的客户。", notTheirs.Error);
        Assert.Contains("用法：scripts/bot reassign --from", usage.Error);
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from reassignments"));
    }
}
