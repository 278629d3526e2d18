using System.Text.Json.Nodes;
using Bot.Conversations;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Host.Hosting;
using Bot.Host.Scheduling;
using Bot.Host.Scheduling.Jobs;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Scheduling;

/// <summary>Each job run at a simulated moment (the clock starts Tue 2026-11-24 10:00 Shanghai) against a real database.</summary>
public sealed class ScheduledJobsTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DatabaseFixture _db = new(services => services.AddJobsAlone(), Settings(("Scheduling:CadencePerRepPerDay", "2")));
    private SalesUser _manager = null!;
    private SalesUser _rep = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var users = _db.Get<IUserDirectory>();
        _manager = await users.UpsertAsync("zhoumin", "周敏", UserRole.Manager, null, None);
        _rep = await users.UpsertAsync("wanglei", "王磊", UserRole.Rep, _manager.Id, None);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    /// <summary>The repository's own Scheduling section (every job's cron), with the test's overrides on top.</summary>
    internal static IReadOnlyDictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var repository = new ConfigurationBuilder().AddRepositoryAppSettings().Build();
        var settings = repository.GetSection(SchedulingOptions.Section).AsEnumerable().Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var (key, value) in overrides)
            settings[key] = value;
        return settings;
    }

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private Task<string> RunAsync<TJob>(DateTimeOffset at) where TJob : IScheduledJob =>
        _db.Services.GetServices<IScheduledJob>().OfType<TJob>().Single().RunAsync(at, None);

    private async Task<List<(string Key, string To, JsonObject Body)>> OutboxAsync(string keyPrefix)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        var rows = await connection.QueryAsync<(string, string, string)>(
            "select idempotency_key, recipient, payload::text from outbox where idempotency_key like @Prefix order by id", new { Prefix = keyPrefix + "%" });
        return [.. rows.Select(r => (r.Item1, r.Item2, JsonNode.Parse(r.Item3)!.AsObject()))];
    }

    private async Task ExecuteAsync(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.ExecuteAsync(sql, args);
    }

    private Task<Customer> CustomerAsync(string legalName, string shortName, FunnelStage stage, SalesUser owner) =>
        _db.Get<ICustomerRepository>().AddAsync(new NewCustomer(legalName, shortName, [], null, null, null, owner.Id, stage), owner.Id, None);

    [Fact]
    public async Task DueReminders_CardAtTheDueMinute_OnceAndAgainAfterAPostpone()
    {
        var xinghe = await CustomerAsync("星河科技有限公司", "星河科技", FunnelStage.Qualified, _rep);
        var reminders = _db.Get<IReminderRepository>();
        var due = await reminders.AddAsync(_rep.Id, xinghe.Id, Local(11, 24, 10, 30), "回访报价", "manual", None);
        await reminders.AddAsync(_rep.Id, xinghe.Id, Local(11, 24, 8, 0), "早就过了的提醒", "manual", None);

        await RunAsync<DueRemindersJob>(Local(11, 24, 10, 29));
        var before = await OutboxAsync("reminder:due:");
        await RunAsync<DueRemindersJob>(Local(11, 24, 10, 30));
        await RunAsync<DueRemindersJob>(Local(11, 24, 10, 31));
        var atDue = await OutboxAsync("reminder:due:");
        await reminders.PostponeAsync(due.Id, _rep.Id, TimeSpan.FromDays(1), None);
        await RunAsync<DueRemindersJob>(Local(11, 25, 10, 30));
        var afterPostpone = await OutboxAsync("reminder:due:");

        Assert.Empty(before);
        var (key, to, body) = Assert.Single(atDue);
        Assert.Equal(($"reminder:due:{due.Id}:202611241030", "wanglei"), (key, to));
        var card = body["template_card"]!;
        Assert.Equal("该跟进了", card["main_title"]!["title"]!.GetValue<string>());
        Assert.Equal("星河科技：回访报价\n今天 11月24日（周二） 10:30", card["sub_title_text"]!.GetValue<string>());
        Assert.Equal([$"reminder:done:{due.Id}", $"reminder:later:1:{due.Id}", $"reminder:later:7:{due.Id}"],
            card["button_list"]!.AsArray().Select(b => b!["key"]!.GetValue<string>()));
        Assert.Equal(2, afterPostpone.Count);
        Assert.Equal($"reminder:due:{due.Id}:202611251030", afterPostpone[1].Key);
    }

    [Fact]
    public async Task DailyDigest_SaysWhatMattersToday_EscalatesOverdueOnce_AndIsSilentForAnEmptyDay()
    {
        var users = _db.Get<IUserDirectory>();
        await users.UpsertAsync("idle_rep", "闲人", UserRole.Rep, _manager.Id, None);
        var xinghe = await CustomerAsync("星河科技有限公司", "星河科技", FunnelStage.Negotiation, _rep);
        var jinhe = await CustomerAsync("金禾食品有限公司", "金禾食品", FunnelStage.Won, _rep);
        var reminders = _db.Get<IReminderRepository>();
        await reminders.AddAsync(_rep.Id, xinghe.Id, Local(11, 24, 15, 0), "确认合同条款", "manual", None);
        await reminders.AddAsync(_rep.Id, jinhe.Id, Local(11, 20, 10, 0), "回访使用情况", "manual", None);
        await _db.Get<ICustomerRepository>().AddContactAsync(new NewContact(xinghe.Id, "李娜", "采购经理", null, null, new Birthday(11, 27, null, false), null), None);
        await _db.Get<IOrderRepository>().AddAsync(jinhe.Id, new DateOnly(2026, 8, 16), 30_000, None);
        await _db.Get<IInteractionRepository>().AddAsync(new NewInteraction(jinhe.Id, null, _rep.Id, InteractionChannel.Phone, Local(11, 23, 9), "回访", [], null, null), None);

        var summary = await RunAsync<DailyDigestJob>(Local(11, 24, 8, 30));
        await RunAsync<DailyDigestJob>(Local(11, 24, 8, 30));
        var digests = await OutboxAsync("digest:");
        var escalations = await OutboxAsync("escalate:");
        await RunAsync<DailyDigestJob>(Local(11, 25, 8, 30));

        Assert.Equal("1 份日报，1 条逾期上报", summary);
        var (key, to, body) = Assert.Single(digests);
        Assert.Equal(("digest:wanglei:2026-11-24", "wanglei"), (key, to));
        Assert.Equal("""
            **王磊，早上好！今天的跟进安排**
            今天要跟进 1 个：
            · 15:00 星河科技：确认合同条款
            已逾期 1 个，尽快处理：
            · 11月20日（周五） 金禾食品：回访使用情况
            近7天生日：
            · 11月27日（周五） 星河科技 李娜（采购经理）
            流失预警 2 个：
            · 金禾食品：100天没下单，建议打电话了解近况，推荐新品或专属优惠，促成复购
            · 星河科技：从没跟进过，建议本周内安排一次电话或拜访，保持联系
            """.ReplaceLineEndings("\n"), body["markdown"]!["content"]!.GetValue<string>());
        var escalation = Assert.Single(escalations);
        Assert.Equal("zhoumin", escalation.To);
        Assert.Equal("王磊有 1 条跟进逾期超过3天：\n· 金禾食品：回访使用情况（11月20日（周五）到期）\n可以和他一起看看卡在哪里。",
            escalation.Body["text"]!["content"]!.GetValue<string>());
        Assert.Single(await OutboxAsync("escalate:"));
        Assert.Equal(["digest:wanglei:2026-11-24", "digest:wanglei:2026-11-25"], (await OutboxAsync("digest:")).Select(d => d.Key));
    }

    [Fact]
    public async Task WeeklyFunnel_EachManagerWithATeam_LastWeekOnce()
    {
        await _db.Get<IUserDirectory>().UpsertAsync("lonely_mgr", "光杆经理", UserRole.Manager, null, None);
        var xinghe = await CustomerAsync("星河科技有限公司", "星河科技", FunnelStage.Negotiation, _rep);
        await _db.Get<ICustomerRepository>().ChangeStageAsync(xinghe.Id, FunnelStage.Won, _rep.Id, Local(11, 18, 15), None);
        var li = await _db.Get<ICustomerRepository>().AddContactAsync(new NewContact(xinghe.Id, "李娜", "采购经理", null, "wm_li", null, null), None);
        // Last week's greetings: one the rep sent, one still waiting for the rep; one from the week before does not count.
        await ExecuteAsync("""
            insert into care_tasks (idempotency_key, contact_id, customer_id, rep_id, occasion, occasion_on, status, send_status)
            values ('care:a', @Contact, @Customer, @Rep, 'Birthday', '2026-11-17', 'sent', 1),
                   ('care:b', @Contact, @Customer, @Rep, 'PostSale', '2026-11-20', 'awaiting', null),
                   ('care:c', @Contact, @Customer, @Rep, 'PostSale', '2026-11-12', 'unconfirmed', null)
            """, new { Contact = li.Id, Customer = xinghe.Id, Rep = _rep.Id });
        // The deal signed last week, and November's targets: the rep's own and the team's.
        await ExecuteAsync("""
            insert into deals (customer_id, owner_id, amount, stage, closed_at) values (@Customer, @Rep, 300000, 'won', '2026-11-18 15:00+08');
            insert into sales_targets (user_id, scope, period_kind, period_start, amount) values
                (@Rep, 'personal', 'month', '2026-11-01', 500000),
                ((select id from users where wecom_userid = 'zhoumin'), 'team', 'month', '2026-11-01', 1000000)
            """, new { Customer = xinghe.Id, Rep = _rep.Id });

        await RunAsync<WeeklyFunnelJob>(Local(11, 23, 9));
        await RunAsync<WeeklyFunnelJob>(Local(11, 23, 9, 5));

        var (key, to, body) = Assert.Single(await OutboxAsync("funnel:weekly:"));
        Assert.Equal(("funnel:weekly:zhoumin:2026-11-16", "zhoumin"), (key, to));
        var text = body["markdown"]!["content"]!.GetValue<string>();
        Assert.StartsWith("**团队漏斗 · 上周（11/16–11/22）**\n成交客户 1 · 签约 30万", text);
        Assert.Contains("· 王磊：潜在 ", text);
        Assert.Contains("｜成交 1 · 流失 ", text);
        Assert.Contains("\n\n**团队目标完成情况 · 11月**（已过 23/30 天，77%）\n整体：已签 30万 / 目标 100万（30%），还差 70万\n**排名**\n1. 王磊：已签 30万 / 目标 50万（60%），还差 20万", text);
        Assert.EndsWith("\n客户关怀：2 条祝福，销售确认发送 1 条（50%），1 条还没确认", text);
    }

    [Fact]
    public async Task Cadence_PlansOnlyDueCustomersWithoutFollowUp_MostValuableFirst_WithinTheDailyCap()
    {
        var now = Local(11, 24, 7);
        var lead = await CustomerAsync("甲潜在有限公司", "甲潜在", FunnelStage.Lead, _rep);
        var fresh = await CustomerAsync("乙意向有限公司", "乙意向", FunnelStage.Qualified, _rep);
        var lost = await CustomerAsync("丙流失有限公司", "丙流失", FunnelStage.Lost, _rep);
        var planned = await CustomerAsync("丁已排有限公司", "丁已排", FunnelStage.Lead, _rep);
        var tierA = await CustomerAsync("戊大客户有限公司", "戊大客户", FunnelStage.Won, _rep);
        var tierC = await CustomerAsync("己小客户有限公司", "己小客户", FunnelStage.Won, _rep);
        var justWon = await CustomerAsync("庚刚成交有限公司", "庚刚成交", FunnelStage.Won, _rep);
        await ExecuteAsync("update customers set stage_changed_at = @Long, last_interaction_at = @Long where id = any(@Ids)",
            new { Long = now.AddDays(-400).UtcDateTime, Ids = new[] { lead.Id, lost.Id, planned.Id, tierA.Id, tierC.Id } });
        await ExecuteAsync("update customers set stage_changed_at = @At, last_interaction_at = @At where id = @Id", new { At = now.AddDays(-1).UtcDateTime, fresh.Id });
        await ExecuteAsync("update customers set stage_changed_at = @At where id = @Id", new { At = now.AddHours(-2).UtcDateTime, justWon.Id });
        await ExecuteAsync("update customers set tier = 'A' where id = @Id", new { tierA.Id });
        await ExecuteAsync("update customers set tier = 'C' where id = @Id", new { tierC.Id });
        await _db.Get<IReminderRepository>().AddAsync(_rep.Id, planned.Id, now.AddDays(3), "已经排好的", "manual", None);

        var first = await RunAsync<CadenceJob>(now);
        var second = await RunAsync<CadenceJob>(now);

        Assert.Equal(("3 条节奏跟进", "0 条节奏跟进"), (first, second));
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        var rows = (await connection.QueryAsync<(string Note, DateTime DueAt)>(
            "select note, due_at from reminders where source = 'cadence' order by due_at, id")).ToList();
        Assert.Equal([
            ("戊大客户：A类客户每月至少拜访一次", Local(11, 24, 10).UtcDateTime),
            ("甲潜在：潜在客户每周跟进一次", Local(11, 24, 10, 30).UtcDateTime),
            ("庚刚成交：刚成交，24小时内回访", now.AddHours(22).UtcDateTime),
        ], rows);
    }
}
