using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// "X和Y是同一家，合并一下" in chat through the emulator on the demo company: admins only, one line saying what will
/// move, nothing written before 确认, 撤销 within ten minutes. The demo team has no admin, so one is added the way
/// users are added (upsert), as the erasure tests do.
/// </summary>
public sealed class MergeCustomersEndToEndTests : IAsyncLifetime
{
    private const string Chengdu = "成都星辰网络科技有限公司";
    private const string Xingchen = "星辰网络科技有限公司";
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
        await _bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("itadmin", "周管理员", UserRole.Admin, null, CancellationToken.None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text)
    {
        await _bot.SettledAsync(user);
        var sent = (await _bot.MessagesToAsync(user, 0)).Count;
        return LiveBot.TextOf(await _bot.SayAsync(user, text, sent + 1));
    }

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>The one of the two with more history (interactions, orders, deals), which the bot proposes to keep.</summary>
    private Task<string> BusierAsync(string a, string b) => ScalarAsync<string>("""
        select c.legal_name from customers c where c.legal_name in (@A, @B)
        order by (select count(*) from interactions where customer_id = c.id) + (select count(*) from orders where customer_id = c.id)
                 + (select count(*) from deals where customer_id = c.id) desc, c.created_at, c.legal_name = @A desc
        limit 1
        """, new { A = a, B = b });

    [Fact]
    public async Task Admin_ProposalThenConfirm_MergesAndUndoPutsEverythingBack()
    {
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);
        var kept = await BusierAsync(Chengdu, Xingchen);
        var gone = kept == Chengdu ? Xingchen : Chengdu;

        var proposal = await SayAsync("itadmin", $"{Chengdu}和{Xingchen}是同一家，合并一下");

        Assert.StartsWith($"把「{gone}」并入「{kept}」：", proposal);
        Assert.Matches(@"\d+条跟进", proposal);
        Assert.Contains("回复「确认」合并；要保留「" + gone + "」回复「反过来」", proposal);
        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));

        var swapped = await SayAsync("itadmin", "反过来");
        Assert.StartsWith($"把「{kept}」并入「{gone}」：", swapped);
        Assert.StartsWith($"把「{gone}」并入「{kept}」：", await SayAsync("itadmin", "反过来"));

        var done = await SayAsync("itadmin", "确认");

        Assert.StartsWith("已合并：", done);
        Assert.Contains("10分钟内回复「撤销」可以恢复", done);
        Assert.Equal(kept, await ScalarAsync<string>("select s.legal_name from customers m join customers s on s.id = m.merged_into where m.legal_name = @Gone", new { Gone = gone }));
        Assert.Equal(1L, await ScalarAsync<long>("""
            select count(*) from audit_log a join users u on u.id = a.actor_id where a.action = 'merge' and u.wecom_userid = 'itadmin' and a.detail->>'by' = 'chat:itadmin'
            """));
        // The rep now finds the survivor by the duplicate's name.
        Assert.Contains(kept, await SayAsync("lina", $"{gone}最近怎么样"));

        var undone = await SayAsync("itadmin", "撤销");

        Assert.StartsWith($"已撤销合并：「{gone}」恢复为单独的客户", undone);
        Assert.DoesNotContain(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)), d => !d.StartsWith("audit_log:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Manager_AsksToMerge_ToldToAskAnAdminNothingChanged()
    {
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);

        var reply = await SayAsync("wangqiang", $"{Chengdu}和{Xingchen}是同一家，合并一下");
        var confirmed = await SayAsync("wangqiang", "确认");

        Assert.Equal("合并重复客户只有管理员可以操作，请联系管理员处理。", reply);
        Assert.DoesNotContain("已合并", confirmed);
        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));
    }

    [Fact]
    public async Task Admin_ANameThatFitsSeveral_AskedWhichWithNumberedChoices()
    {
        var first = await SayAsync("itadmin", "把重复的星辰合并一下");

        Assert.StartsWith("要合并的「星辰」是哪一家？\n1. ", first);
        Assert.Contains("3. ", first);
        var second = await SayAsync("itadmin", "2");
        Assert.StartsWith("要合并的「星辰」是哪一家？\n1. ", second);
        Assert.DoesNotContain("3. ", second);

        var proposal = await SayAsync("itadmin", "1");

        Assert.StartsWith("把「", proposal);
        Assert.Contains("回复「确认」合并", proposal);
        Assert.Equal("好的，没有合并。", await SayAsync("itadmin", "取消"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from customers where merged_into is not null"));
    }

    [Fact]
    public async Task Admin_TwoOwners_AskedWhoKeepsTheCustomerThenMerges()
    {
        var asked = await SayAsync("itadmin", $"{Xingchen}和华东精密机械有限公司是同一家，合并");

        Assert.Contains("两家的负责人不同", asked);
        Assert.Contains("合并后归谁？回复「李娜」或「张伟」。", asked);
        Assert.DoesNotContain("回复「确认」", asked);

        var proposal = await SayAsync("itadmin", "归张伟");

        Assert.Contains("负责人张伟", proposal);
        Assert.StartsWith("已合并：", await SayAsync("itadmin", "确认"));
        Assert.Equal("zhangwei", await ScalarAsync<string>("""
            select u.wecom_userid from customers c join users u on u.id = c.owner_id where c.deleted_at is null and c.legal_name in (@A, '华东精密机械有限公司')
            """, new { A = Xingchen }));
    }
}
