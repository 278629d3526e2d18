using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Repairs through the WeCom emulator with the demo company: answering 「哪一家？」 in any form, correcting the customer
/// in any phrasing without losing the rest of the message, confirming a doubtful write, and 撤销 putting every table
/// back exactly as it was.
/// </summary>
public sealed class DialogRepairEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        return LiveBot.TextOf(await _bot.SayAsync(user, text, before + 1));
    }

    private async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private Task<long> InteractionsAsync(string legalName, string fragment) => ScalarAsync<long>("""
        select count(*) from interactions i join customers c on c.id = i.customer_id
        where c.legal_name = @LegalName and i.source_message like '%' || @Fragment || '%'
        """, new { LegalName = legalName, Fragment = fragment });

    [Theory]
    [InlineData("第二家", 2, "tagA")]
    [InlineData("第3个", 3, "tagB")]
    [InlineData("2", 2, "tagC")]
    [InlineData("最后一个", 3, "tagD")]
    [InlineData("南京那家", -1, "tagE")]
    [InlineData("成都的", -1, "tagF")]
    public async Task WhichCustomer_AnsweredByOrdinalNumberOrDistinguishingWord_LogsAgainstThatOne(string answer, int position, string tag)
    {
        var question = await SayAsync("lina", $"星辰网络那边打了个电话聊了下方案 {tag}");
        Assert.Contains("是哪一家", question);
        var offered = question.Split('\n').Where(l => l.Length > 3 && char.IsAsciiDigit(l[0])).Select(l => l[3..].Trim()).ToList();
        var expected = position > 0 ? offered[position - 1] : offered.Single(n => n.StartsWith(answer[..2], StringComparison.Ordinal));

        var reply = await SayAsync("lina", answer);

        Assert.StartsWith("已记录：", reply);
        Assert.Equal(1, await InteractionsAsync(expected, tag));
    }

    [Fact]
    public async Task WhichCustomer_AnsweredWithTheButtonsText_LogsAgainstThatOne()
    {
        var question = await SayAsync("lina", "星辰网络那边微信聊了报价 按钮");
        var second = question.Split('\n').First(l => l.StartsWith("2. ", StringComparison.Ordinal))[3..].Trim();

        Assert.StartsWith("已记录：", await SayAsync("lina", "2. " + second));
        Assert.Equal(1, await InteractionsAsync(second, "聊了报价 按钮"));
    }

    [Theory]
    [InlineData("哦不对 记错了 是成都星辰")]
    [InlineData("不对，应该是成都星辰网络")]
    [InlineData("搞错了，成都星辰那家")]
    [InlineData("不是星辰网络科技是成都星辰")]
    public async Task Correction_InAnyPhrasing_MovesEverythingAndKeepsTheFollowUp_ThenUndoRestoresAll(string correction)
    {
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);
        var tag = "tag" + (char)('A' + correction.Length);
        var logged = await SayAsync("lina", $"刚给星辰网络科技有限公司打了电话，他嫌贵，下周三再跟进 {tag}");
        Assert.StartsWith("已记录：星辰网络", logged);

        var corrected = await SayAsync("lina", correction);

        Assert.StartsWith("已更正", corrected);
        Assert.Contains("下次跟进", corrected);
        Assert.Equal(0, await InteractionsAsync("星辰网络科技有限公司", tag));
        Assert.Equal(1, await InteractionsAsync("成都星辰网络科技有限公司", tag));
        Assert.Equal(3, await ScalarAsync<int>("""
            select extract(isodow from r.due_at at time zone 'Asia/Shanghai')::int from reminders r join customers c on c.id = r.customer_id
            where c.legal_name = '成都星辰网络科技有限公司' and r.status = 'open' and r.source = 'interaction' order by r.id desc limit 1
            """));

        Assert.Equal("已撤销刚才的记录。", await SayAsync("lina", "撤销"));
        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));
    }

    [Fact]
    public async Task Undo_OfAVisitThatWonTheDealWithAnAmount_LeavesEveryTableAsBefore()
    {
        await SayAsync("lina", "南京星辰网络科技有限公司改成洽谈");
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);
        var logged = await SayAsync("lina", "拜访了南京星辰网络科技有限公司，签了，合同15万，下周三再跟进");
        Assert.StartsWith("已记录：", logged);
        Assert.Contains("成交", logged);
        Assert.Equal(150000m, await ScalarAsync<decimal>("""
            select o.amount from orders o join customers c on c.id = o.customer_id where c.legal_name = '南京星辰网络科技有限公司' order by o.id desc limit 1
            """));

        Assert.Equal("已撤销刚才的记录。", await SayAsync("lina", "撤销"));

        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));
    }

    [Fact]
    public async Task FailedAttempt_AskedFirst_YesStoresIt_NoStoresNothing()
    {
        var asked = await SayAsync("lina", "给成都星辰打了电话没人接");
        Assert.Contains("记为：成都星辰", asked);
        Assert.Equal(0, await InteractionsAsync("成都星辰网络科技有限公司", "没人接"));
        Assert.StartsWith("已记录：", await SayAsync("lina", "是"));
        Assert.Equal(1, await InteractionsAsync("成都星辰网络科技有限公司", "没人接"));

        Assert.Contains("记为：", await SayAsync("lina", "去了趟南京星辰没见着人"));
        Assert.Equal("好的，没有记录。", await SayAsync("lina", "不是"));
        Assert.Equal(0, await InteractionsAsync("南京星辰网络科技有限公司", "没见着人"));
    }

    [Fact]
    public async Task WonWithAnAmount_RecordsTheOrderSoTheFunnelShowsIt()
    {
        await SayAsync("lina", "南京星辰网络科技有限公司改成洽谈");
        var reply = await SayAsync("lina", "南京星辰网络科技有限公司合同签了，30万");

        Assert.Contains("成交金额 30万", reply);
        Assert.Equal(300000m, await ScalarAsync<decimal>("""
            select o.amount from orders o join customers c on c.id = o.customer_id where c.legal_name = '南京星辰网络科技有限公司' order by o.id desc limit 1
            """));

        // A customer already won that signs again: the new contract is an order too.
        Assert.Contains("新签 12万", await SayAsync("lina", "南京星辰网络科技有限公司又签了一单，12万"));
        Assert.Equal(120000m, await ScalarAsync<decimal>("""
            select o.amount from orders o join customers c on c.id = o.customer_id where c.legal_name = '南京星辰网络科技有限公司' order by o.id desc limit 1
            """));
    }
}
