using Bot.Conversations.Team;
using Bot.Data.Import;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class TargetImporterTests(DatabaseFixture db)
{
    private async Task<SalesUser> AddUserAsync(string userId, string name, UserRole role) =>
        await db.Get<IUserDirectory>().UpsertAsync(userId, name, role, null, CancellationToken.None);

    [Fact]
    public async Task Import_MixedFile_SetsTargetsRejectsBadRowsAndIsIdempotent()
    {
        var rep = await AddUserAsync("t1_rep", "标甲销售", UserRole.Rep);
        var manager = await AddUserAsync("t1_mgr", "标甲主管", UserRole.Manager);
        var admin = await AddUserAsync("t1_admin", "标甲老板", UserRole.Admin);
        var file = CsvFiles.Utf8("""
            销售,范围,期间,金额
            t1_rep,,2026-12,50万
            标甲销售,个人,2027年1月,45万
            标甲主管,团队,2027Q1,300万
            t1_admin,团队,2027年一季度,1000万
            标甲主管,,12月,60万
            ghost,,2026-12,10万
            t1_rep,团队,2026-12,100万
            t1_rep,,2026-13,10万
            t1_rep,部门,2027-02,10万
            t1_rep,,2027-02,0
            标甲销售,,2026年12月,55万
            t1_rep,,,10万
            """);
        var importer = db.Get<TargetImporter>();

        var first = await importer.ImportAsync(file, CancellationToken.None);
        var again = await importer.ImportAsync(file, CancellationToken.None);

        Assert.Equal((12, 5, 0), (first.Rows, first.Added, first.Updated));
        Assert.Equal(
            [
                (7, "销售「ghost」不是系统里的用户，请先导入用户"),
                (8, "「t1_rep」是销售，没有团队；团队目标请写在主管或管理员名下"),
                (9, "期间「2026-13」看不懂，可写 2026-12、2026年12月、12月、2027Q1、2027年一季度 或 一季度"),
                (10, "范围「部门」不认识，可填 个人 或 团队"),
                (11, "目标金额应大于 0"),
                (12, "与第 2 行是同一人同一期间的目标"),
                (13, "缺少期间"),
            ],
            first.Rejected.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));
        Assert.Equal((0, 0, 5), (again.Added, again.Updated, again.Unchanged));
        Assert.Equal(
            [
                $"{rep.Id}|personal|month|2026-12-01|500000.00",
                $"{rep.Id}|personal|month|2027-01-01|450000.00",
                $"{manager.Id}|personal|month|2026-12-01|600000.00",
                $"{manager.Id}|team|quarter|2027-01-01|3000000.00",
                $"{admin.Id}|team|quarter|2027-01-01|10000000.00",
            ],
            await TargetsOfAsync(rep.Id, manager.Id, admin.Id));
    }

    [Fact]
    public async Task Import_EnglishHeaderSameTargetNewAmount_UpdatesIt()
    {
        var rep = await AddUserAsync("t2_rep", "标乙销售", UserRole.Rep);
        var importer = db.Get<TargetImporter>();

        await importer.ImportAsync(CsvFiles.Utf8("user,period,amount\nt2_rep,2027-03,30万\n"), CancellationToken.None);
        var raised = await importer.ImportAsync(CsvFiles.Utf8("user,period,amount,scope\n标乙销售,2027年3月,35万,personal\n"), CancellationToken.None);

        Assert.Equal((0, 1, 0), (raised.Added, raised.Updated, raised.Unchanged));
        Assert.Equal([$"{rep.Id}|personal|month|2027-03-01|350000.00"], await TargetsOfAsync(rep.Id));
    }

    [Fact]
    public async Task Import_GbkFileWithQuarterSpellings_AllMeanTheirQuarter()
    {
        var manager = await AddUserAsync("t3_mgr", "标丙主管", UserRole.Manager);
        var file = CsvFiles.Gbk("销售,范围,期间,金额\n标丙主管,团队,一季度,100万\n标丙主管,团队,2027年第二季度,120万\n标丙主管,团队,Q4,90万\n");

        var report = await db.Get<TargetImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal(("GBK", 3, 0), (report.Encoding, report.Added, report.Rejected.Count));
        Assert.Equal(
            [
                $"{manager.Id}|team|quarter|2026-10-01|900000.00",
                $"{manager.Id}|team|quarter|2027-01-01|1000000.00",
                $"{manager.Id}|team|quarter|2027-04-01|1200000.00",
            ],
            await TargetsOfAsync(manager.Id));
    }

    /// <summary>user|scope|kind|start|amount, one line per target, by user then period.</summary>
    private async Task<List<string>> TargetsOfAsync(params long[] userIds)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        return [.. await connection.QueryAsync<string>("""
            select user_id || '|' || scope || '|' || period_kind || '|' || period_start || '|' || amount
            from sales_targets where user_id = any(@UserIds)
            order by array_position(@UserIds, user_id), period_start, scope
            """, new { UserIds = userIds })];
    }
}
