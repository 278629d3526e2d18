using Bot.Conversations.Team;
using Bot.Data.Import;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class UserImporterTests(DatabaseFixture db)
{
    [Fact]
    public async Task Import_MixedFile_AddsGoodRowsAndExplainsEachRejection()
    {
        var file = CsvFiles.Utf8("""
            userid,name,role,manager
            u1_rep1,钱一甲,rep,u1_mgr
            u1_mgr,赵经理甲,manager,
            u1_rep2,孙二甲,销售,赵经理甲
            u1_rep3,李三甲,rep,nobody
            ,无名甲,rep,
            u1_rep1,钱一重复,rep,
            u1_rep4,周四甲,boss,
            u1_rep5,吴五甲,rep,u1_rep5
            """);

        var report = await db.Get<UserImporter>().ImportAsync(file, CancellationToken.None);

        Assert.Equal((8, 3, 0, 0), (report.Rows, report.Added, report.Updated, report.Unchanged));
        Assert.Equal(
            [
                (5, "上级「nobody」不是系统里的用户，也不在本文件中"),
                (6, "缺少用户ID"),
                (7, "用户ID「u1_rep1」与第 2 行重复"),
                (8, "角色「boss」不认识，可填 销售/经理/管理员 或 rep/manager/admin"),
                (9, "上级不能是自己"),
            ],
            report.Rejected.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));

        var users = db.Get<IUserDirectory>();
        var manager = await users.FindByWeComIdAsync("u1_mgr", CancellationToken.None);
        Assert.Equal(UserRole.Manager, manager!.Role);
        // The manager is listed below a rep who reports to them, and by name for the other one.
        var team = await users.ListTeamAsync(manager.Id, CancellationToken.None);
        Assert.Equal(["u1_rep1", "u1_rep2"], team.Select(u => u.WeComUserId).Order());
    }

    [Fact]
    public async Task Import_SameFileTwiceThenChanged_IsIdempotentAndCountsUpdates()
    {
        const string header = "用户ID,姓名,角色,上级\n";
        var importer = db.Get<UserImporter>();
        var original = CsvFiles.Utf8WithBom(header + "u2_mgr,周经理乙,经理,\nu2_rep,郑乙,销售,u2_mgr\n");

        var first = await importer.ImportAsync(original, CancellationToken.None);
        var second = await importer.ImportAsync(original, CancellationToken.None);
        var changed = await importer.ImportAsync(CsvFiles.Utf8(header + "u2_mgr,周经理乙,经理,\nu2_rep,郑乙乙,销售,\n"), CancellationToken.None);

        Assert.Equal((2, 0, 0), (first.Added, first.Updated, first.Unchanged));
        Assert.Equal((0, 0, 2), (second.Added, second.Updated, second.Unchanged));
        Assert.Equal((0, 1, 1), (changed.Added, changed.Updated, changed.Unchanged));
        var rep = await db.Get<IUserDirectory>().FindByWeComIdAsync("u2_rep", CancellationToken.None);
        Assert.Equal(("郑乙乙", null), (rep!.Name, rep.ManagerId));
    }

    [Fact]
    public async Task Import_NoUserIdColumn_FailsWithTheMissingColumn()
    {
        var error = await Assert.ThrowsAsync<CsvFormatException>(() =>
            db.Get<UserImporter>().ImportAsync(CsvFiles.Utf8("姓名,角色\n张三,销售\n"), CancellationToken.None));

        Assert.Contains("userid", error.Message);
    }
}
