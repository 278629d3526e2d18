using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Data.Import;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class DealImporterTests(DatabaseFixture db)
{
    private const string Header = "客户名称,商机名称,金额,预计签约日期,阶段,负责人,成交日期,商机编号\n";

    private async Task<SalesUser> AddRepAsync(string userId, string name) =>
        await db.Get<IUserDirectory>().UpsertAsync(userId, name, UserRole.Rep, null, CancellationToken.None);

    private async Task<Customer> AddCustomerAsync(string legalName, string? shortName, long? ownerId) =>
        await db.Get<ICustomerRepository>().AddAsync(
            new NewCustomer(legalName, shortName, [], "制造", null, null, ownerId, FunnelStage.Qualified), null, CancellationToken.None);

    [Fact]
    public async Task Import_MixedFile_AddsDealsRejectsBadRowsAndIsIdempotent()
    {
        var owner = await AddRepAsync("d1_rep", "商甲一号");
        var other = await AddRepAsync("d1_rep2", "商甲二号");
        var customer = await AddCustomerAsync("商甲星辰科技有限公司", "商甲星辰", owner.Id);
        await AddCustomerAsync("商甲共用一有限公司", "商甲共用", owner.Id);
        await AddCustomerAsync("商甲共用二有限公司", "商甲共用", owner.Id);
        var file = CsvFiles.Utf8(Header + """
            商甲星辰科技有限公司,,15万,2026-12-20,洽谈,,,
            商甲星辰,二期,"1,200,000",2027-03-31,,商甲二号,,
            商甲星辰科技有限公司,续约,150000,,成交,,2026-11-02,CRM-1
            商甲星辰科技有限公司,老项目,,,lost,,2026/10/15,
            不存在公司,,,,,,,
            商甲共用,,,,,,,
            商甲星辰科技有限公司,三期,,,成交,,,
            商甲星辰科技有限公司,三期,,,流失,,,
            商甲星辰科技有限公司,四期,,,洽谈,,2026-11-01,
            商甲星辰科技有限公司,五期,,,成交,,2026-12-01,
            商甲星辰科技有限公司,六期,,,签约中,,,
            商甲星辰科技有限公司,七期,,,,ghost,,
            商甲星辰科技有限公司,八期,-5,,,,,
            商甲星辰科技有限公司,九期,,2026-02-30,,,,
            商甲星辰,二期,20万,,,,,
            商甲星辰科技有限公司,其他,,,,,,CRM-1
            商甲星辰科技有限公司,十期,,,,,2026-11-01,
            ,孤儿,,,,,,
            """);
        var importer = db.Get<DealImporter>();

        var first = await importer.ImportAsync(file, CancellationToken.None);
        var again = await importer.ImportAsync(file, CancellationToken.None);

        Assert.Equal((18, 4, 0), (first.Rows, first.Added, first.Updated));
        Assert.Equal(
            [
                (6, "客户「不存在公司」不存在，请先导入客户"),
                (7, "「商甲共用」对应 2 个客户，请写客户全称"),
                (8, "阶段是成交，请填成交日期"),
                (9, "阶段是流失，请填关闭日期"),
                (10, "阶段是洽谈，还没成交或流失，成交日期应留空"),
                (11, "成交日期 2026-12-01 在未来"),
                (12, "阶段「签约中」不认识，可填 潜在/意向/洽谈/成交/流失"),
                (13, "负责人「ghost」不是系统里的用户，请先导入用户"),
                (14, "金额不能为负数（-5）"),
                (15, "预计签约日期「2026-02-30」不存在"),
                (16, "与第 3 行是同一客户的同名商机，请用商机名称或商机编号区分"),
                (17, "商机编号「CRM-1」与第 4 行重复"),
                (18, "有成交日期，请同时写阶段（成交或流失）"),
                (19, "缺少客户名称"),
            ],
            first.Rejected.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));
        Assert.Equal((0, 0, 4, 14), (again.Added, again.Updated, again.Unchanged, again.Rejected.Count));

        Assert.Equal(
            [
                $"|{owner.Id}|150000.00|2026-12-20|negotiation|",
                $"二期|{other.Id}|1200000.00|2027-03-31|qualified|",
                $"续约|{owner.Id}|150000.00||won|2026-11-02 15:00",
                $"老项目|{owner.Id}|||lost|2026-10-15 15:00",
            ],
            await DealsOfAsync(customer.Id));
    }

    [Fact]
    public async Task Import_EnglishHeaderDealNumberSeenAgainWithNewAmount_UpdatesAmountAndBlankStageKeepsStored()
    {
        var owner = await AddRepAsync("d2_rep", "商乙销售");
        var customer = await AddCustomerAsync("商乙物流有限公司", null, owner.Id);
        var importer = db.Get<DealImporter>();

        var first = await importer.ImportAsync(CsvFiles.Utf8("customer,title,amount,stage,owner,deal_id\n商乙物流有限公司,一期,5000,negotiation,d2_rep,D-9\n"), CancellationToken.None);
        var corrected = await importer.ImportAsync(CsvFiles.Utf8("customer,title,amount,stage,owner,deal_id\n商乙物流有限公司,一期,5500,,,D-9\n"), CancellationToken.None);

        Assert.Equal((1, 0), (first.Added, first.Updated));
        Assert.Equal((0, 1, 0), (corrected.Added, corrected.Updated, corrected.Unchanged));
        Assert.Equal([$"一期|{owner.Id}|5500.00||negotiation|"], await DealsOfAsync(customer.Id));
    }

    [Fact]
    public async Task Import_SameCustomerAndTitleWithoutDealNumber_UpdatesThatDealThroughWonAndReopened()
    {
        var owner = await AddRepAsync("d3_rep", "商丙销售");
        var customer = await AddCustomerAsync("商丙教育科技有限公司", "商丙教育", owner.Id);
        var importer = db.Get<DealImporter>();

        await importer.ImportAsync(CsvFiles.Utf8("客户名称,商机名称,金额\n商丙教育,二期,10万\n"), CancellationToken.None);
        var won = await importer.ImportAsync(CsvFiles.Utf8("客户名称,商机名称,金额,阶段,成交日期\n商丙教育科技有限公司,二期,12万,已成交,2026-11-20\n"), CancellationToken.None);
        var wonDeals = await DealsOfAsync(customer.Id);
        var reopened = await importer.ImportAsync(CsvFiles.Utf8("客户名称,商机名称,阶段\n商丙教育,二期,洽谈\n"), CancellationToken.None);

        Assert.Equal((0, 1), (won.Added, won.Updated));
        Assert.Equal([$"二期|{owner.Id}|120000.00||won|2026-11-20 15:00"], wonDeals);
        Assert.Equal((0, 1), (reopened.Added, reopened.Updated));
        Assert.Equal([$"二期|{owner.Id}|120000.00||negotiation|"], await DealsOfAsync(customer.Id));
    }

    [Fact]
    public async Task Import_GbkFileFromExcel_ReadsChineseCorrectly()
    {
        var owner = await AddRepAsync("d4_rep", "商丁销售");
        var customer = await AddCustomerAsync("商丁华东精密机械有限公司", "商丁华东", owner.Id);
        var file = CsvFiles.Gbk("客户名称,商机名称,金额,阶段\n商丁华东,扩产项目,8万,洽谈\n");

        var report = await db.Get<DealImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal(("GBK", 1, 0), (report.Encoding, report.Added, report.Rejected.Count));
        Assert.Equal([$"扩产项目|{owner.Id}|80000.00||negotiation|"], await DealsOfAsync(customer.Id));
    }

    [Fact]
    public async Task Import_NoCustomerColumn_FailsBeforeWritingAnything()
    {
        var error = await Assert.ThrowsAsync<CsvFormatException>(() =>
            db.Get<DealImporter>().ImportAsync(CsvFiles.Utf8("商机名称,金额\n二期,10万\n"), CancellationToken.None));

        Assert.Equal("缺少列：customer（客户名称）", error.Message);
    }

    /// <summary>title|owner|amount|expected close|stage|closed (Beijing time), one line per deal, in title order.</summary>
    private async Task<List<string>> DealsOfAsync(long customerId)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        var deals = await connection.QueryAsync<string>("""
            select title || '|' || coalesce(owner_id::text, '') || '|' || coalesce(amount::text, '') || '|'
                   || coalesce(expected_close::text, '') || '|' || stage || '|'
                   || coalesce(to_char(closed_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI'), '')
            from deals where customer_id = @CustomerId
            """, new { CustomerId = customerId });
        return [.. deals.Order(StringComparer.Ordinal)];
    }
}
