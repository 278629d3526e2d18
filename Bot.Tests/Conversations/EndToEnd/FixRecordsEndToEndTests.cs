using Bot.Conversations.Common;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Deleting and editing earlier records through the WeCom emulator on the demo company: one line to confirm and
/// nothing written before 确认, numbered choices when several fit, 撤销 putting every table back, a colleague's record
/// refused (a manager's team's too), an unknown contact not guessed, and a question that writes nothing.
/// </summary>
public sealed class FixRecordsEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    private static DateOnly Today => ChinaTime.DateOf(DateTimeOffset.UtcNow);

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        var reply = LiveBot.TextOf(await _bot.SayAsync(user, text, before + 1));
        await _bot.SettledAsync(user);
        return reply;
    }

    private sealed record Customer(long Id, string LegalName, string Short);

    /// <summary>One of lina's live customers with nothing logged in the last two weeks, no open reminder and two contacts.</summary>
    private async Task<Customer> QuietCustomerAsync(int skip = 0)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.QuerySingleAsync<Customer>("""
            select c.id, c.legal_name, coalesce(c.short_name, c.legal_name) as short from customers c join users u on u.id = c.owner_id
            where u.wecom_userid = 'lina' and c.stage <> 'lost'
              and not exists (select 1 from interactions i where i.customer_id = c.id and i.occurred_at > now() - interval '14 days')
              and not exists (select 1 from reminders r where r.customer_id = c.id and r.status = 'open')
              and (select count(*) from contacts k where k.customer_id = c.id) >= 2
            order by c.id offset @Skip limit 1
            """, new { Skip = skip });
    }

    private Task<long> LogAsync(Customer customer, string rep, string channel, DateOnly day, string summary) =>
        LogAsync(customer, rep, channel, ChinaTime.At(day, new TimeOnly(10, 0)), summary);

    private async Task<long> LogAsync(Customer customer, string rep, string channel, DateTimeOffset at, string summary)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.QuerySingleAsync<long>("""
            insert into interactions (customer_id, rep_id, channel, occurred_at, summary, source_message)
            select @CustomerId, u.id, @Channel, @At, @Summary, @Summary from users u where u.wecom_userid = @Rep
            returning id
            """, new { CustomerId = customer.Id, Rep = rep, Channel = channel, At = at.ToUniversalTime(), Summary = summary });
    }

    private async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private static string Date(DateOnly day) => $"{day.Month}月{day.Day}日";

    private static string Said(DateOnly day) => $"{day.Month}月{day.Day}号";

    [Fact]
    public async Task DeleteYesterdaysVisit_AskedFirst_DeletedOnConfirm_AndUndoPutsEverythingBack()
    {
        var customer = await QuietCustomerAsync();
        var yesterday = Today.AddDays(-1);
        var id = await LogAsync(customer, "lina", "visit", yesterday, "聊了课程方案 delA");
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);

        var question = await SayAsync("lina", $"把昨天给{customer.LegalName}记的那条拜访删了");

        Assert.Equal($"删除 {Date(yesterday)} {customer.Short} · 拜访「聊了课程方案 delA」？回复「确认」删除", question);
        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));

        var done = await SayAsync("lina", "确认");

        Assert.StartsWith($"已删除：{Date(yesterday)} {customer.Short} · 拜访「聊了课程方案 delA」。", done);
        Assert.Equal(0, await ScalarAsync<int>("select count(*)::int from interactions where id = @Id", new { Id = id }));
        Assert.Equal("聊了课程方案 delA", await ScalarAsync<string>(
            "select detail->'row'->>'summary' from audit_log where action = 'record_deleted' and entity = 'interactions' and entity_id = @Id", new { Id = id }));

        Assert.Equal("已撤销刚才的记录。", await SayAsync("lina", "撤销"));
        var after = await TableSnapshot.TakeAsync(_bot.ConnectionString);
        Assert.DoesNotContain(TableSnapshot.Differences(before, after), d => !d.StartsWith("audit_log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteReminder_IsCancelledAfterConfirm()
    {
        var customer = await QuietCustomerAsync();
        var reminderId = await ScalarAsync<long>("""
            insert into reminders (rep_id, customer_id, due_at, note, source)
            select u.id, @CustomerId, now() + interval '1 day', '回访 remB', 'manual' from users u where u.wecom_userid = 'lina' returning id
            """, new { CustomerId = customer.Id });

        var question = await SayAsync("lina", $"{customer.LegalName}那个提醒不要了，删掉");
        var done = await SayAsync("lina", "确认");

        Assert.StartsWith("取消 提醒 ", question);
        Assert.Contains("「回访 remB」", question);
        Assert.StartsWith("已取消：提醒", done);
        Assert.Equal("cancelled", await ScalarAsync<string>("select status from reminders where id = @Id", new { Id = reminderId }));
    }

    [Fact]
    public async Task SeveralMatch_NumberedChoice_ThenTheChosenOneIsDeleted()
    {
        var customer = await QuietCustomerAsync();
        var yesterday = Today.AddDays(-1);
        var first = await LogAsync(customer, "lina", "phone", yesterday, "第一通电话 sevA");
        var second = await LogAsync(customer, "lina", "wechat", yesterday, "微信发了资料 sevB");

        var choices = await SayAsync("lina", $"昨天{customer.LegalName}那条记录删掉");

        Assert.StartsWith("有2条符合，要删哪一条？", choices);
        Assert.Contains("sevA", choices);
        var position = choices.Split('\n').First(l => l.Contains("sevB", StringComparison.Ordinal))[0];
        var question = await SayAsync("lina", position.ToString());
        Assert.Contains("微信「微信发了资料 sevB」？回复「确认」删除", question);
        await SayAsync("lina", "确认");

        Assert.Equal([first], await ScalarsAsync("select id from interactions where id = any(@Ids)", new { Ids = new[] { first, second } }));
    }

    [Fact]
    public async Task ColleaguesRecord_RefusedEvenForTheirManager()
    {
        var customer = await QuietCustomerAsync();
        var id = await LogAsync(customer, "lina", "visit", Today.AddDays(-1), "李娜的拜访 colA");

        var reply = await SayAsync("wangqiang", $"把昨天{customer.LegalName}那条拜访删了");
        var confirm = await SayAsync("wangqiang", "确认");

        Assert.Contains("是李娜记的", reply);
        Assert.Contains("主管也不能删下属的记录", reply);
        Assert.DoesNotContain("已删除", confirm);
        Assert.Equal(1, await ScalarAsync<int>("select count(*)::int from interactions where id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task EditChannelContactAndDay_OfAnOlderInteraction_EachConfirmed_AndUndoRestoresTheDay()
    {
        var customer = await QuietCustomerAsync();
        var day = Today.AddDays(-5);
        var id = await LogAsync(customer, "lina", "phone", day, "聊了续约 ediA");
        var contact = await ScalarAsync<string>("select max(name) from contacts where customer_id = @Id", new { customer.Id });

        var channel = await SayAsync("lina", $"{Said(day)}{customer.LegalName}那条记录渠道改成拜访");
        Assert.Equal($"修改 {Date(day)} {customer.Short} · 电话「聊了续约 ediA」：渠道 电话 → 拜访？回复「确认」修改", channel);
        Assert.Equal("phone", await ScalarAsync<string>("select channel from interactions where id = @Id", new { Id = id }));
        Assert.StartsWith("已修改：", await SayAsync("lina", "确认"));

        var person = await SayAsync("lina", $"{Said(day)}{customer.LegalName}那次联系人应该是{contact}");
        Assert.Contains($"联系人 未填 → {contact}？", person);
        await SayAsync("lina", "确认");

        var earlier = day.AddDays(-1);
        var moved = await SayAsync("lina", $"{Said(day)}{customer.LegalName}那次拜访其实是{Said(earlier)}");
        Assert.Contains($"日期 {Date(day)} → {Date(earlier)}？", moved);
        await SayAsync("lina", "确认");

        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var row = await connection.QuerySingleAsync<(string, string?, DateTime)>(
            "select i.channel, k.name, i.occurred_at from interactions i left join contacts k on k.id = i.contact_id where i.id = @Id", new { Id = id });
        Assert.Equal(("visit", contact, ChinaTime.At(earlier, new TimeOnly(10, 0)).UtcDateTime), row);
        Assert.Equal(3, await ScalarAsync<int>("select count(*)::int from audit_log where action = 'record_edited' and entity_id = @Id", new { Id = id }));

        await SayAsync("lina", "撤销");
        Assert.Equal(ChinaTime.At(day, new TimeOnly(10, 0)).UtcDateTime,
            await ScalarAsync<DateTime>("select occurred_at from interactions where id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task EditWithNoCustomerAndNoDay_IsTheLastInteractionLogged()
    {
        var customer = await QuietCustomerAsync();
        var id = await LogAsync(customer, "lina", "phone", DateTimeOffset.UtcNow.AddHours(-1), "最近一条 lastA");

        var question = await SayAsync("lina", "渠道是微信，不是电话");
        await SayAsync("lina", "确认");

        Assert.Contains("「最近一条 lastA」：渠道 电话 → 微信", question);
        Assert.Equal("wechat", await ScalarAsync<string>("select channel from interactions where id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task EditContactWithNoCustomerSaid_LooksAmongTheLastInteractionsContacts_NotWhereverTheNameIs()
    {
        var last = await QuietCustomerAsync();
        var other = await QuietCustomerAsync(skip: 1);
        var id = await LogAsync(last, "lina", "phone", DateTimeOffset.UtcNow.AddHours(-1), "最近一条 lastB");
        var elsewhere = await ScalarAsync<string>("select max(name) from contacts where customer_id = @Id", new { other.Id });

        var reply = await SayAsync("lina", $"联系人是{elsewhere}");

        Assert.StartsWith($"{last.Short}没有叫「{elsewhere}」的联系人", reply);
        Assert.Null(await ScalarAsync<long?>("select contact_id from interactions where id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task EditToAnUnknownContact_IsNotGuessed()
    {
        var customer = await QuietCustomerAsync();
        var day = Today.AddDays(-3);
        var id = await LogAsync(customer, "lina", "visit", day, "演示产品 unkA");
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);

        var reply = await SayAsync("lina", $"{Said(day)}{customer.LegalName}那次联系人改成欧阳娜娜");
        await SayAsync("lina", "确认");

        Assert.Contains("没有叫「欧阳娜娜」的联系人", reply);
        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));
        Assert.Null(await ScalarAsync<long?>("select contact_id from interactions where id = @Id", new { Id = id }));
    }

    [Fact]
    public async Task AQuestionAboutDeleting_WritesNothing()
    {
        var customer = await QuietCustomerAsync();
        await LogAsync(customer, "lina", "visit", Today.AddDays(-1), "问一下 askA");
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);

        var reply = await SayAsync("lina", "昨天那条记录删掉了吗");
        await SayAsync("lina", "确认");

        Assert.DoesNotContain("已删除", reply);
        Assert.Empty(TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString)));
    }

    private async Task<List<long>> ScalarsAsync(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return [.. await connection.QueryAsync<long>(sql, args)];
    }
}
