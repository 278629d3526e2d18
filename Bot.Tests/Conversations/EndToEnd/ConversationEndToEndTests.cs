using Bot.Conversations.Common;
using Bot.Conversations.Dialogs;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>Reps talking to the bot through the WeCom emulator, with the demo company loaded: real rows, real replies.</summary>
public sealed class ConversationEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task<CapturedMessage> SayAsync(string user, string text, int replyNumber) => _bot.SayAsync(user, text, replyNumber);

    private async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    [Fact]
    public async Task RepLogsACall_InteractionObjectionAndFollowUpAreStored()
    {
        const string openFollowUps = """
            select count(*) from reminders r join customers c on c.id = r.customer_id join users u on u.id = r.rep_id
            where c.legal_name = '星辰网络科技有限公司' and u.wecom_userid = 'lina' and r.status = 'open'
            """;
        var before = await ScalarAsync<long>(openFollowUps);

        var reply = await SayAsync("lina", "刚给星辰网络的李总打了电话，他嫌贵，下周三再跟进", 1);

        Assert.StartsWith("已记录：星辰网络 · 李伟 · 电话，异议：嫌贵。", reply.Content);
        Assert.Equal("phone|price|李伟", await ScalarAsync<string>("""
            select i.channel || '|' || array_to_string(i.objections, ',') || '|' || t.name
            from interactions i join customers c on c.id = i.customer_id join contacts t on t.id = i.contact_id
            where c.legal_name = '星辰网络科技有限公司' and i.source_message like '%嫌贵%'
            """));
        // The customer's open follow-up moved to next Wednesday 09:00; none was added beside it.
        Assert.Equal(Math.Max(before, 1), await ScalarAsync<long>(openFollowUps));
        var due = await ScalarAsync<DateTime>("""
            select r.due_at from reminders r join customers c on c.id = r.customer_id
            where c.legal_name = '星辰网络科技有限公司' and r.source = 'interaction' and r.status = 'open'
              and extract(isodow from r.due_at at time zone 'Asia/Shanghai') = 3
            """);
        var local = ChinaTime.ToChina(new DateTimeOffset(due, TimeSpan.Zero));
        Assert.Equal((DayOfWeek.Wednesday, 9), (local.DayOfWeek, local.Hour));
        Assert.InRange((local.Date - ChinaTime.ToChina(DateTimeOffset.UtcNow).Date).TotalDays, 5, 13);
    }

    [Fact]
    public async Task AmbiguousCustomer_AsksWithChoices_ThenTwoLogsAgainstTheSecond()
    {
        var question = await SayAsync("lina", "星辰那边打了个电话，客户说再考虑考虑", 1);

        Assert.Equal("template_card", question.MsgType);
        var template = question.Payload.TryGetProperty("template_card", out var inner) ? inner : question.Payload;
        var card = template.GetProperty("sub_title_text").GetString()!;
        Assert.Contains("你说的「星辰」是哪一家？", card);
        var second = card.Split('\n').Single(l => l.StartsWith("2. ", StringComparison.Ordinal))[3..];

        var logged = await SayAsync("lina", "2", 2);

        Assert.StartsWith("已记录：", logged.Content);
        Assert.Equal(1L, await ScalarAsync<long>("""
            select count(*) from interactions i join customers c on c.id = i.customer_id
            where c.legal_name = @Name and 'hesitation' = any(i.objections) and i.source_message like '%再考虑%'
            """, new { Name = second }));
    }

    [Fact]
    public async Task Undo_TakesBackTheInteractionAndItsReminder()
    {
        await SayAsync("zhangwei", "拜访了华东精密机械有限公司的刘经理，聊得不错", 1);
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from interactions where source_message like '%聊得不错%'"));

        var undone = await SayAsync("zhangwei", "撤销", 2);

        Assert.Equal("已撤销刚才的记录。", undone.Content);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from interactions where source_message like '%聊得不错%'"));
        Assert.Equal(0L, await ScalarAsync<long>("""
            select count(*) from reminders r join customers c on c.id = r.customer_id
            where c.legal_name = '华东精密机械有限公司' and r.status = 'open' and r.source = 'cadence'
            """));
    }

    [Fact]
    public async Task CorrectionMovesTheLastInteraction()
    {
        await SayAsync("lina", "给恒信投资管理有限公司打了电话，对方说要老板拍板", 1);

        var corrected = await SayAsync("lina", "不对，是南京恒信投资管理有限公司", 2);

        Assert.Contains("南京恒信", corrected.Content);
        Assert.Equal(1L, await ScalarAsync<long>("""
            select count(*) from interactions i join customers c on c.id = i.customer_id
            where c.legal_name = '南京恒信投资管理有限公司' and i.source_message like '%老板拍板%'
            """));
    }

    [Fact]
    public async Task ColleaguesCustomer_PoliteRefusalRevealingNothing()
    {
        var reply = await SayAsync("lina", "华东精密最近怎么样", 1);

        Assert.Equal("「华东精密」不在你负责的客户范围内，我没法查看或修改。需要的话请找你的主管。", reply.Content);
    }

    [Fact]
    public async Task UnknownSender_PoliteRefusalAndNothingElse()
    {
        var reply = await SayAsync("stranger01", "刚给星辰网络的李总打了电话", 1);

        Assert.Equal(ConversationEngine.NotAColleague, reply.Content);
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from interactions where source_message like '%李总打了电话%'"));

        // The second message the same day is processed but not answered again.
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("stranger01", "在吗？"));
        for (var i = 0; i < 50 && await ScalarAsync<long>("select count(*) from inbound_messages where from_user = 'stranger01' and status = 'done'") < 2; i++)
            await Task.Delay(100);
        Assert.Equal(2L, await ScalarAsync<long>("select count(*) from inbound_messages where from_user = 'stranger01' and status = 'done'"));
        Assert.Single(await _bot.MessagesToAsync("stranger01", 2, TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task OptOutByRepMessage_RecordedOnTheContactWithSource()
    {
        var reply = await SayAsync("lina", "金桥电子有限公司的周总不想收祝福了", 1);

        Assert.Contains("不再给金桥电子的周建华发节日和生日祝福", reply.Content);
        Assert.Equal("rep:lina", await ScalarAsync<string>("""
            select t.care_opt_out_source from contacts t join customers c on c.id = t.customer_id
            where c.legal_name = '金桥电子有限公司' and t.name = '周建华' and t.care_opted_out_at is not null
            """));
    }

    [Fact]
    public async Task OptOutByCorpTag_RecordedWhenTheRepTagsTheCustomer()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("lina", "李伟", CorpName: "星辰网络科技有限公司"));
        await _bot.MessagesToAsync("lina", 1);

        await _bot.ControlAsync<CallbackDelivery>("contacts/edit", new EditContactRequest("lina", added.ExternalUserId, Tags: ["免打扰"]));

        string? source = null;
        for (var i = 0; i < 100 && source is null; i++)
        {
            await Task.Delay(100);
            source = await ScalarAsync<string>("select care_opt_out_source from contacts where wecom_external_userid = @Id and care_opted_out_at is not null",
                new { Id = added.ExternalUserId });
        }
        Assert.Equal("tag:免打扰", source);
    }

    [Fact]
    public async Task ReminderCardButtons_CompleteAndPostponeOnlyTheRepsOwn()
    {
        var users = _bot.Services.GetRequiredService<Bot.Conversations.Team.IUserDirectory>();
        var lina = (await users.FindByWeComIdAsync("lina", CancellationToken.None))!;
        var reminders = _bot.Services.GetRequiredService<Bot.Conversations.Customers.IReminderRepository>();
        var due = DateTimeOffset.UtcNow.AddHours(1);
        var first = await reminders.AddAsync(lina.Id, null, due, "回访星辰网络", "manual", CancellationToken.None);
        var second = await reminders.AddAsync(lina.Id, null, due, "给天元报价", "manual", CancellationToken.None);

        await _bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("zhangwei", "t1", $"reminder:done:{first.Id}"));
        await _bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("lina", "t2", $"reminder:done:{first.Id}"));
        await _bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("lina", "t3", $"reminder:later:1:{second.Id}"));

        Assert.Equal("这条提醒已经处理过了。", (await _bot.MessagesToAsync("zhangwei", 1))[0].Content);
        var replies = await _bot.MessagesToAsync("lina", 2);
        Assert.Equal("已完成：回访星辰网络。", replies[0].Content);
        Assert.StartsWith("已推迟到", replies[1].Content);
        Assert.Equal("done", await ScalarAsync<string>("select status from reminders where id = @Id", new { first.Id }));
        var moved = await ScalarAsync<DateTime>("select due_at from reminders where id = @Id", new { second.Id });
        Assert.InRange((new DateTimeOffset(moved, TimeSpan.Zero) - due).TotalHours, 23.99, 24.01);
    }

    [Fact]
    public async Task MyTasks_OverdueFirstWithTheCustomersName()
    {
        var users = _bot.Services.GetRequiredService<Bot.Conversations.Team.IUserDirectory>();
        var chenjing = (await users.FindByWeComIdAsync("chenjing", CancellationToken.None))!;
        var customerId = await ScalarAsync<long>("select id from customers where legal_name = '海川医疗器械有限公司'");
        await _bot.Services.GetRequiredService<Bot.Conversations.Customers.IReminderRepository>()
            .AddAsync(chenjing.Id, customerId, DateTimeOffset.UtcNow.AddDays(-2), "确认续约意向", "manual", CancellationToken.None);

        var reply = await SayAsync("chenjing", "我今天要跟进谁", 1);

        Assert.StartsWith("**已逾期", reply.Content);
        Assert.Contains("海川医疗：确认续约意向", reply.Content);
    }

    [Fact]
    public async Task QueryTier_ExplainsScoresReasonsAndServiceLevel()
    {
        var reply = await SayAsync("lina", "星辰网络科技有限公司是哪一类客户", 1);

        var lines = reply.Content!.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches("^星辰网络：[ABC]类（近12个月", lines[0]);
        Assert.Matches("^(最近一次下单在[0-9]+天内|超过[0-9]+天没下单)、一年下单(不到)?[0-9]+次(以上)?、一年金额(不到)?[0-9.]+[万元](以上)?（RFM R[1-5] F[1-5] M[1-5]），(重要|一般)(价值|保持|发展|挽留)客户；价值潜力：(明星|现金牛|潜力|长尾)。$", lines[1]);
        Assert.StartsWith("服务标准：", lines[2]);
    }

    [Fact]
    public async Task ChurnList_ManagerSeesTheTeamsRisksWithNextSteps()
    {
        var reply = await SayAsync("wangqiang", "哪些客户快流失了", 1);

        Assert.StartsWith("**流失预警", reply.Content);
        Assert.Contains("天没下单", reply.Content);
        Assert.Contains("建议：", reply.Content);
    }

    [Fact]
    public async Task ObjectionHelp_ScriptsWithTheirSourceAddressedToTheContact()
    {
        await _bot.Services.GetRequiredService<Bot.Data.Import.GuideImporter>()
            .ImportAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "guides"), CancellationToken.None);

        var reply = await SayAsync("lina", "星辰网络的李总说要和竞品比一比，怎么回", 1);

        Assert.StartsWith("**比竞品**（对星辰网络的李伟）", reply.Content);
        Assert.Contains("来源：内置话术（依据公司销售指南）", reply.Content);
        Assert.Matches(@"来源：0\d\d_[0-9a-f]+\.txt 第\d+行", reply.Content);
    }
}
