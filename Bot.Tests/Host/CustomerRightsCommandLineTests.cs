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
    public async Task Export_FullName_ReadableChineseReport_NamesBeijingTimeAndYuan()
    {
        var result = await BotProcess.RunAsync(_connectionString, _prefix, "export", "customer", "星辰网络科技有限公司");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.StartsWith("客户：星辰网络科技有限公司（简称 星辰网络；又称 星辰）", result.Output);
        Assert.Contains("负责人 李娜 · 行业 互联网", result.Output);
        Assert.Matches(@"\n  李伟 · 总经理 · 电话 1\d{10}", result.Output);
        Assert.Matches(@"\n沟通记录（\d+ 条）\n  20\d\d-\d\d-\d\d \d\d:\d\d (电话|拜访|微信|邮件|会议) · 李娜 · 联系人 ", result.Output);
        Assert.Matches(@"\n订单（\d+ 笔，合计 ¥[\d,]+）\n  20\d\d-\d\d-\d\d ¥[\d,]+", result.Output);
        Assert.DoesNotContain("owner_id", result.Output);
        Assert.DoesNotContain("+00:00", result.Output);
    }

    [Fact]
    public async Task Export_Json_PrintsReadableChineseJson()
    {
        var result = await BotProcess.RunAsync(_connectionString, _prefix, "export", "customer", "星辰网络科技有限公司", "--json");

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
        var forget = await BotProcess.RunAsync(_connectionString, _prefix, "forget", "customer", "南京金桥电子有限公司");
        var export = await BotProcess.RunAsync(_connectionString, _prefix, "export", "customer", "南京金桥电子有限公司");

        Assert.True(forget.ExitCode == 0, forget.Error);
        Assert.StartsWith("已删除「南京金桥电子有限公司」的个人信息，客户现记为「已删除客户#", forget.Output);
        Assert.Equal(1, export.ExitCode);
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("select count(*) from customers where legal_name = '南京金桥电子有限公司'"));
        Assert.StartsWith("cli:", await connection.ExecuteScalarAsync<string>("select detail->>'by' from audit_log where action = 'forget'"));
    }
}
