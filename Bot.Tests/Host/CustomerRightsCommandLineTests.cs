using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>`scripts/bot export|forget customer NAME` in their own process against the demo company.</summary>
public sealed class CustomerRightsCommandLineTests : IAsyncLifetime
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

    [Fact]
    public async Task Export_FullName_PrintsReadableChineseJson()
    {
        var result = await BotProcess.RunAsync(_connectionString, _prefix, "export", "customer", "星辰网络科技有限公司");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("\"legal_name\": \"星辰网络科技有限公司\"", result.Output);
        Assert.Contains("\"name\": \"李伟\"", result.Output);
        Assert.DoesNotContain("\\u", result.Output);
        Assert.Contains("\"orders\": [", result.Output);
    }

    [Fact]
    public async Task ExportAndForget_AmbiguousName_ListChoicesExitTwoChangeNothing()
    {
        var export = await BotProcess.RunAsync(_connectionString, _prefix, "export", "customer", "星辰");
        var forget = await BotProcess.RunAsync(_connectionString, _prefix, "forget", "customer", "星辰");

        Assert.Equal((2, 2), (export.ExitCode, forget.ExitCode));
        Assert.Contains("「星辰」对应 3 家客户", forget.Error);
        Assert.Contains("  成都星辰网络科技有限公司", forget.Error);
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from customers where erased_at is not null"));
    }

    [Fact]
    public async Task Forget_UnknownName_ExitsOne()
    {
        var result = await BotProcess.RunAsync(_connectionString, _prefix, "forget", "customer", "不存在的公司");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("没有找到客户「不存在的公司」", result.Error);
    }

    [Fact]
    public async Task Forget_FullName_ErasesWritesAuditAndIsGoneForExport()
    {
        var forget = await BotProcess.RunAsync(_connectionString, _prefix, "forget", "customer", "成都金桥电子有限公司");
        var export = await BotProcess.RunAsync(_connectionString, _prefix, "export", "customer", "成都金桥电子有限公司");

        Assert.True(forget.ExitCode == 0, forget.Error);
        Assert.StartsWith("已删除「成都金桥电子有限公司」的个人信息，客户现记为「已删除客户#", forget.Output);
        Assert.Equal(1, export.ExitCode);
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from customers where legal_name = '成都金桥电子有限公司'"));
        Assert.StartsWith("cli:", await connection.ExecuteScalarAsync<string>("select detail->>'by' from audit_log where action = 'forget'"));
    }
}
