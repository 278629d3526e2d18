using Bot.Tests.Fixtures;

namespace Bot.Tests.Host;

/// <summary>The real command line in its own process, as scripts/bot runs it.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    [Fact]
    public async Task Import_UsersCustomersDealsTargets_PrintsChineseSummaryWithRejectedLines()
    {
        var dir = Directory.CreateTempSubdirectory("bot-cli-");
        try
        {
            var users = Path.Combine(dir.FullName, "users.csv");
            var customers = Path.Combine(dir.FullName, "customers.csv");
            var deals = Path.Combine(dir.FullName, "deals.csv");
            var targets = Path.Combine(dir.FullName, "targets.csv");
            await File.WriteAllTextAsync(users, "userid,name,role,manager\ncli_mgr,经理,manager,\ncli_rep,销售,rep,cli_mgr\n");
            await File.WriteAllBytesAsync(customers, CsvFiles.Gbk("客户名称,负责人,阶段\n命令行测试公司,cli_rep,意向\n坏公司,nobody,意向\n"));
            await File.WriteAllTextAsync(deals, "客户名称,商机名称,金额,阶段,成交日期\n命令行测试公司,二期,30万,成交,\n命令行测试公司,三期,20万,洽谈,\n");
            await File.WriteAllTextAsync(targets, "销售,范围,期间,金额\ncli_mgr,团队,2027Q1,300万\ncli_rep,团队,2027Q1,100万\n");

            var importedUsers = await BotProcess.RunAsync(_connectionString, _prefix, "import", "users", users);
            var importedCustomers = await BotProcess.RunAsync(_connectionString, _prefix, "import", "customers", customers);
            var importedDeals = await BotProcess.RunAsync(_connectionString, _prefix, "import", "deals", deals);
            var importedTargets = await BotProcess.RunAsync(_connectionString, _prefix, "import", "targets", targets);

            Assert.True(importedUsers.ExitCode == 0, importedUsers.Error);
            Assert.Contains("导入用户：共 2 行，新增 2，更新 0，未变 0，拒绝 0 行", importedUsers.Output);
            Assert.True(importedCustomers.ExitCode == 0, importedCustomers.Error);
            Assert.Contains("导入客户：共 2 行，新增 1，更新 0，未变 0，拒绝 1 行（编码 GBK）", importedCustomers.Output);
            Assert.Contains("第 3 行：负责人「nobody」不是系统里的用户，请先导入用户", importedCustomers.Output);
            Assert.True(importedDeals.ExitCode == 0, importedDeals.Error);
            Assert.Contains("导入商机：共 2 行，新增 1，更新 0，未变 0，拒绝 1 行", importedDeals.Output);
            Assert.Contains("第 2 行：阶段是成交，请填成交日期", importedDeals.Output);
            Assert.True(importedTargets.ExitCode == 0, importedTargets.Error);
            Assert.Contains("导入销售目标：共 2 行，新增 1，更新 0，未变 0，拒绝 1 行", importedTargets.Output);
            Assert.Contains("第 3 行：「cli_rep」是销售，没有团队；团队目标请写在主管或管理员名下", importedTargets.Output);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_SettingUnderItsOldName_RefusesToStartNamingTheNewOne()
    {
        var result = await BotProcess.RunAsync(_connectionString, _prefix,
            new Dictionary<string, string> { ["Bot__Database__ConnectionString"] = _connectionString }, "migrate");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Bot:Database → Database（环境变量 Bot__Database__… → Database__…）", result.Output + result.Error);
    }

    [Fact]
    public async Task Import_MissingFile_ExitsNonZeroWithAClearMessage()
    {
        var result = await BotProcess.RunAsync(_connectionString, _prefix, "import", "orders", "/nonexistent/orders.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("找不到文件", result.Error);
    }

    [Fact]
    public async Task Demo_EmptyDatabaseThenAgain_LoadsOnce()
    {
        var first = await BotProcess.RunAsync(_connectionString, _prefix, "demo");
        var second = await BotProcess.RunAsync(_connectionString, _prefix, "demo");

        Assert.Contains("已载入演示公司", first.Output);
        Assert.Contains("没有载入演示数据", second.Output);
    }

    [Fact]
    public async Task ReportFunnel_DemoCompany_WritesTheWorkbook_AndRefusesAnUnknownPeriod()
    {
        await BotProcess.RunAsync(_connectionString, _prefix, "demo");
        var file = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.xlsx");
        try
        {
            var result = await BotProcess.RunAsync(_connectionString, _prefix, "report", "funnel", "--period", "本月", "--out", file);
            var wrong = await BotProcess.RunAsync(_connectionString, _prefix, "report", "funnel", "--period", "下辈子", "--out", file + ".x");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains("全公司销售报表 · 本月", result.Output);
            using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(file, false);
            var part = workbook.WorkbookPart!;
            var sheets = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
            Assert.Equal(["概览", "按销售", "商机预测", "每日跟进"], sheets.Select(s => s.Name!.Value));
            var perRep = (DocumentFormat.OpenXml.Packaging.WorksheetPart)part.GetPartById(sheets[1].Id!);
            var strings = part.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var text = string.Join(" ", perRep.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c =>
                c.DataType?.Value == DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString ? strings[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.InnerText));
            foreach (var rep in new[] { "销售", "李娜", "张伟", "陈静", "刘洋" })
                Assert.Contains(rep, text);
            Assert.Equal(2, wrong.ExitCode);
            Assert.Contains("看不懂期间「下辈子」", wrong.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
