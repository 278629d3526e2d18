using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>`scripts/bot merge A B` and `scripts/bot merge --undo ID` in their own process against the demo company.</summary>
public sealed class MergeCommandLineTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabases.CreateEmptyAsync();
        var demo = await BotProcess.RunAsync(_connectionString, _prefix, "demo");
        Assert.True(demo.ExitCode == 0, demo.Error);
    }

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    [Fact]
    public async Task MergeThenUndo_FirstNamedStays_AuditIdUndoesItCompletely()
    {
        var before = await TableSnapshot.TakeAsync(_connectionString);
        var interactions = await ScalarAsync<long>("""
            select count(*) from interactions where customer_id in (select id from customers where legal_name in ('星辰网络科技有限公司', '成都星辰网络科技有限公司'))
            """);

        var merge = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "星辰网络科技有限公司", "成都星辰网络科技有限公司");

        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.StartsWith("已把「成都星辰网络科技有限公司」并入「星辰网络科技有限公司」：", merge.Output);
        Assert.Matches(@"审计编号 #\d+；撤销：scripts/bot merge --undo \d+", merge.Output);
        Assert.Equal(interactions, await ScalarAsync<long>("select count(*) from interactions i join customers c on c.id = i.customer_id where c.legal_name = '星辰网络科技有限公司'"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from customers where legal_name = '成都星辰网络科技有限公司' and deleted_at is null"));
        Assert.StartsWith("cli:", await ScalarAsync<string>("select detail->>'by' from audit_log where action = 'merge'"));

        var auditId = await ScalarAsync<long>("select id from audit_log where action = 'merge'");
        var undo = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "--undo", auditId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(undo.ExitCode == 0, undo.Error);
        Assert.StartsWith($"已撤销合并 #{auditId}：「成都星辰网络科技有限公司」恢复为单独的客户", undo.Output);
        var after = await TableSnapshot.TakeAsync(_connectionString);
        Assert.DoesNotContain(TableSnapshot.Differences(before, after), d => !d.StartsWith("audit_log:", StringComparison.Ordinal));
        var again = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "--undo", auditId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("已经撤销过了", again.Error);
    }

    [Fact]
    public async Task Merge_DifferentOwners_RefusedUntilOwnerIsGiven()
    {
        var refused = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "星辰网络科技有限公司", "华东精密机械有限公司");

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("两家的负责人不同：「星辰网络科技有限公司」归李娜，「华东精密机械有限公司」归张伟。请用 --owner lina 或 --owner zhangwei", refused.Error);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from audit_log where action = 'merge'"));

        var merged = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "星辰网络科技有限公司", "华东精密机械有限公司", "--owner", "zhangwei");

        Assert.True(merged.ExitCode == 0, merged.Error);
        Assert.Equal("zhangwei", await ScalarAsync<string>("select u.wecom_userid from customers c join users u on u.id = c.owner_id where c.legal_name = '星辰网络科技有限公司'"));
    }

    [Fact]
    public async Task Merge_AmbiguousSameOrMissing_ChangesNothing()
    {
        var ambiguous = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "星辰", "华东精密机械有限公司");
        var same = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "海川医疗器械有限公司", "海川医疗");
        var missing = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "星辰网络科技有限公司", "不存在的公司");
        var usage = await BotProcess.RunAsync(_connectionString, _prefix, "merge", "星辰网络科技有限公司");

        Assert.Equal((2, 3, 1), (ambiguous.ExitCode, same.ExitCode, missing.ExitCode));
        Assert.Contains("「星辰」对应 3 家客户", ambiguous.Error);
        Assert.Contains("同一个客户", same.Error);
        Assert.Contains("没有找到客户「不存在的公司」", missing.Error);
        Assert.NotEqual(0, usage.ExitCode);
        Assert.Contains("merge --undo", usage.Error);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from audit_log where action = 'merge'"));
    }
}
