using System.Text;
using Bot.Conversations.Team;
using Bot.Data.Import;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class CustomerImporterTests(DatabaseFixture db)
{
    private const string Header = "客户名称,行业,规模,负责人,联系人,职位,电话,生日,阶段,年合作金额,最近下单日期,下单次数\n";

    private async Task AddRepAsync(string userId, string name) =>
        await db.Get<IUserDirectory>().UpsertAsync(userId, name, UserRole.Rep, null, CancellationToken.None);

    private async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    [Fact]
    public async Task Import_MixedFile_MergesContactsAndRejectsBadRowsWithReasons()
    {
        await AddRepAsync("c1_rep", "甲销售");
        var file = CsvFiles.Utf8WithBom(Header + """
            甲星辰网络科技有限公司,互联网,100-500人,c1_rep,李明,总经理,138-0013-8000,1980-05-12,意向,15万,2026-10-01,3
            甲星辰网络科技有限公司　,,,,,,,,,,,
            甲星辰网络科技有限公司,,,甲销售,王芳,采购经理,13900139000,6月1日,,,,
            甲海川医疗,医疗,,c1_rep,陈工,技术总监,+86 137 0013 7000,农历8月15日,洽谈,8k,2026-11-01,1
            甲未知负责人公司,制造,,ghost,,,,,潜在,,,
            甲坏日期公司,制造,,c1_rep,,,,,潜在,,2026-13-45,
            甲负金额公司,制造,,c1_rep,,,,,潜在,-5000,,
            甲身份证公司,制造,,c1_rep,赵六,财务,110101199003074518,,潜在,,,
            甲未来公司,制造,,c1_rep,,,,,成交,,2027-01-01,
            甲阶段公司,制造,,c1_rep,,,,,签约中,,,
            甲只有电话公司,制造,,c1_rep,,,13800000000,,潜在,,,
            """);

        var report = await db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal("UTF-8 (BOM)", report.Encoding);
        Assert.Equal((11, 2, 0, 0), (report.Rows, report.Added, report.Updated, report.Unchanged));
        Assert.Equal((3, 0), (report.ContactsAdded, report.ContactsUpdated));
        Assert.Equal(
            [
                (6, "负责人「ghost」不是系统里的用户，请先导入用户"),
                (7, "日期「2026-13-45」不存在"),
                (8, "金额不能为负数（-5000）"),
                (9, "电话一栏像是身份证号或银行卡号，按隐私规定不能导入"),
                (10, "最近下单日期 2027-01-01 在未来"),
                (11, "阶段「签约中」不认识，可填 潜在/意向/洽谈/成交/流失"),
                (12, "有电话或生日，但没有联系人姓名"),
            ],
            report.Rejected.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));

        Assert.Equal(2L, await ScalarAsync<long>(
            "select count(*) from contacts t join customers c on c.id = t.customer_id where c.legal_name = '甲星辰网络科技有限公司'"));
        Assert.Equal("qualified", await ScalarAsync<string>("select stage from customers where legal_name = '甲星辰网络科技有限公司'"));
        Assert.Equal(150_000m, await ScalarAsync<decimal>("select baseline_annual_amount from customers where legal_name = '甲星辰网络科技有限公司'"));
        Assert.Equal("13700137000|8|15|True", await ScalarAsync<string>(
            "select phone || '|' || birth_month || '|' || birth_day || '|' || case when birthday_lunar then 'True' else 'False' end from contacts where name = '陈工'"));
        Assert.Equal(1L, await ScalarAsync<long>(
            "select count(*) from stage_history h join customers c on c.id = h.customer_id where c.legal_name = '甲海川医疗' and h.to_stage = 'negotiation'"));
    }

    [Fact]
    public async Task Import_SameFileTwiceThenChanged_IsIdempotentAndRecordsTheStageChange()
    {
        await AddRepAsync("c2_rep", "乙销售");
        var importer = db.Get<CustomerImporter>();
        var original = CsvFiles.Utf8(Header + "乙博远教育,教育,50-100人,c2_rep,孙校长,校长,13600136000,,潜在,,,\n乙瑞丰商贸,零售,,c2_rep,,,,,意向,,,\n");
        var changed = CsvFiles.Utf8(Header + "乙博远教育,,,,孙校长,校长,13600136001,,洽谈,,,\n乙瑞丰商贸,,,,,,,,,,,\n");

        var first = await importer.ImportAsync(original, CancellationToken.None);
        var again = await importer.ImportAsync(original, CancellationToken.None);
        var third = await importer.ImportAsync(changed, CancellationToken.None);

        Assert.Equal((2, 0, 0, 1, 0), (first.Added, first.Updated, first.Unchanged, first.ContactsAdded, first.ContactsUpdated));
        Assert.Equal((0, 0, 2, 0, 0), (again.Added, again.Updated, again.Unchanged, again.ContactsAdded, again.ContactsUpdated));
        Assert.Equal((0, 1, 1, 0, 1), (third.Added, third.Updated, third.Unchanged, third.ContactsAdded, third.ContactsUpdated));
        // Blank cells keep what was stored; the stage move is on record with where it came from.
        Assert.Equal("教育|negotiation", await ScalarAsync<string>("select industry || '|' || stage from customers where legal_name = '乙博远教育'"));
        Assert.Equal("lead→negotiation", await ScalarAsync<string>(
            "select h.from_stage || '→' || h.to_stage from stage_history h join customers c on c.id = h.customer_id where c.legal_name = '乙博远教育' and h.from_stage is not null"));
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from customers where legal_name = '乙博远教育'"));
    }

    [Fact]
    public async Task Import_GbkFileFromExcel_ReadsChineseCorrectly()
    {
        await AddRepAsync("c3_rep", "丙销售");
        var bytes = await File.ReadAllBytesAsync(CsvFiles.TestData("import/customers-gbk.csv"));

        var report = await db.Get<CustomerImporter>().ImportAsync(bytes, CancellationToken.None);

        Assert.Equal("GBK", report.Encoding);
        Assert.Equal((3, 3, 0), (report.Rows, report.Added, report.Rejected.Count));
        Assert.Equal("制造|negotiation", await ScalarAsync<string>("select industry || '|' || stage from customers where legal_name = '丙华东精密机械有限公司'"));
        Assert.Equal("刘总", await ScalarAsync<string>(
            "select t.name from contacts t join customers c on c.id = t.customer_id where c.legal_name = '丙华东精密机械有限公司'"));
    }

    [Fact]
    public async Task Import_GbkWithBadRow_RejectsOnlyThatRow()
    {
        await AddRepAsync("c4_rep", "丁销售");
        var file = CsvFiles.Gbk("客户名称,负责人,阶段,年合作金额\n丁鼎盛超市,c4_rep,成交,壹拾万\n丁宏达汽配,c4_rep,成交,十万八千\n丁坏行,c4_rep,成交,很多钱\n");

        var report = await db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal(("GBK", 2), (report.Encoding, report.Added));
        Assert.Equal([(4, "金额「很多钱」看不懂")], report.Rejected.Select(r => (r.Line, r.Reason)));
        Assert.Equal(100_000m, await ScalarAsync<decimal>("select baseline_annual_amount from customers where legal_name = '丁鼎盛超市'"));
        Assert.Equal(108_000m, await ScalarAsync<decimal>("select baseline_annual_amount from customers where legal_name = '丁宏达汽配'"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Import_Utf8FileWithOneGbkRow_GoodRowsIntactThatRowRejectedWithItsLine(bool bom)
    {
        var p = bom ? "壬甲" : "壬乙";
        await AddRepAsync("c9_rep", "壬销售");
        var good = Encoding.UTF8.GetBytes($"客户名称,负责人,阶段\n{p}星辰网络,c9_rep,意向\n{p}华东精密,c9_rep,洽谈\n");
        var gbk = Encoding.GetEncoding("GBK").GetBytes($"{p}海川医疗,c9_rep,成交\n");
        var tail = Encoding.UTF8.GetBytes($"{p}金禾食品,c9_rep,潜在\n");
        byte[] file = [.. bom ? new byte[] { 0xEF, 0xBB, 0xBF } : [], .. good, .. gbk, .. tail];

        var report = await db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal(bom ? "UTF-8 (BOM)" : "UTF-8", report.Encoding);
        Assert.Equal(3, report.Added);
        Assert.Equal([(4, ImportText.UndecodableReason)], report.Rejected.Select(r => (r.Line, r.Reason)));
        Assert.Equal($"{p}华东精密|{p}星辰网络|{p}金禾食品", await ScalarAsync<string>(
            $"select string_agg(legal_name, '|' order by legal_name) from customers where legal_name like '{p}%'"));
    }

    [Fact]
    public async Task Import_RowWithoutOwner_ImportedAndReported()
    {
        await AddRepAsync("c10_rep", "癸销售");
        var file = CsvFiles.Utf8("客户名称,负责人,阶段\n癸有主客户,c10_rep,意向\n癸无主客户,,意向\n");

        var report = await db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal(2, report.Added);
        Assert.Equal([3], report.Notes.Select(n => n.Line));
        Assert.Contains("第 3 行（已导入，请留意）：没有负责人", report.ToChinese());
    }

    [Fact]
    public async Task Import_BirthdayInAnUnreadableSpelling_RowKeptFieldLeftEmptyAndTheFormsThatWorkListed()
    {
        await AddRepAsync("c11_rep", "子销售");
        var file = CsvFiles.Utf8("客户名称,负责人,联系人,电话,生日\n子生日客户,c11_rep,赵生日,13912340000,大概腊八前后\n");

        var report = await db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal((1, 1, 0), (report.Added, report.ContactsAdded, report.Rejected.Count));
        var note = Assert.Single(report.Notes);
        Assert.Contains("可以写 " + ImportValues.BirthdayForms, note.Reason);
        Assert.Equal("13912340000|", await ScalarAsync<string>(
            "select t.phone || '|' || coalesce(t.birth_month::text, '') from contacts t join customers c on c.id = t.customer_id where c.legal_name = '子生日客户'"));
    }

    [Fact]
    public async Task Import_EveryBirthdayFormTheHintLists_StoredAsThatDay()
    {
        await AddRepAsync("c12_rep", "丑销售");
        var expected = new Dictionary<string, string>
        {
            ["1985-06-12"] = "1985|6|12|False",
            ["6月12日"] = "|6|12|False",
            ["农历8月15日"] = "|8|15|True",
            ["农历八月十五"] = "|8|15|True",
            ["农历正月初八"] = "|1|8|True",
            ["腊月廿三"] = "|12|23|True",
        };
        var forms = ImportValues.BirthdayForms.Split(["、", " 或 "], StringSplitOptions.None);
        Assert.Equal(expected.Keys.Order(), forms.Order());
        var rows = forms.Select((form, i) => $"丑生日客户,c12_rep,丑联系人{i},{form}");
        var file = CsvFiles.Utf8("客户名称,负责人,联系人,生日\n" + string.Join("\n", rows) + "\n");

        var report = await db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal((1, forms.Length, 0, 0), (report.Added, report.ContactsAdded, report.Rejected.Count, report.Notes.Count));
        for (var i = 0; i < forms.Length; i++)
            Assert.Equal(expected[forms[i]], await ScalarAsync<string>(
                "select coalesce(birth_year::text, '') || '|' || birth_month || '|' || birth_day || '|' || case when birthday_lunar then 'True' else 'False' end from contacts where name = @Name",
                new { Name = $"丑联系人{i}" }));
    }

    [Fact]
    public async Task Import_DatabaseFailsMidway_LeavesNothingHalfWritten()
    {
        await AddRepAsync("c5_rep", "戊销售");
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            // Stands in for any failure after some rows were written: a disk full, a killed connection.
            await connection.ExecuteAsync("""
                create or replace function fail_on_marker() returns trigger language plpgsql as $$
                begin if new.name = '戊触发失败' then raise exception 'simulated failure'; end if; return new; end $$;
                create trigger contacts_fail before insert on contacts for each row execute function fail_on_marker();
                """);
        }
        try
        {
            var file = CsvFiles.Utf8(Header + "戊甲公司,制造,,c5_rep,张一,经理,,,潜在,,,\n戊乙公司,制造,,c5_rep,戊触发失败,经理,,,潜在,,,\n");

            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.Get<CustomerImporter>().ImportAsync(file, CancellationToken.None));

            Assert.Equal(0L, await ScalarAsync<long>("select count(*) from customers where legal_name like '戊%'"));
        }
        finally
        {
            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.ExecuteAsync("drop trigger contacts_fail on contacts; drop function fail_on_marker()");
        }
    }

    [Fact]
    public async Task Import_NoNameColumn_FailsBeforeWritingAnything()
    {
        var error = await Assert.ThrowsAsync<CsvFormatException>(() =>
            db.Get<CustomerImporter>().ImportAsync(CsvFiles.Utf8("行业,负责人\n制造,someone\n"), CancellationToken.None));

        Assert.Equal("缺少列：name（客户名称）", error.Message);
    }
}
