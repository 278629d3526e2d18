using Bot.Conversations.Customers;
using Bot.Conversations.Funnel;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

/// <summary>The funnel figures on hand-made history, against numbers counted by hand. The clock is Tuesday 2026-11-24 10:00 Shanghai.</summary>
public sealed class FunnelReportTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DatabaseFixture _db = new();
    private long _repA;
    private long _repB;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var users = _db.Get<IUserDirectory>();
        var manager = await users.UpsertAsync("f_mgr", "王强", UserRole.Manager, null, None);
        _repA = (await users.UpsertAsync("f_a", "李娜", UserRole.Rep, manager.Id, None)).Id;
        _repB = (await users.UpsertAsync("f_b", "张伟", UserRole.Rep, manager.Id, None)).Id;
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        // Times are Shanghai local (+08).
        await connection.ExecuteAsync("""
            insert into customers (id, legal_name, owner_id, stage) overriding system value values
                (901, 'X公司', @A, 'negotiation'), (902, 'Y公司', @A, 'lead'), (903, 'Z公司', @B, 'won'), (904, 'W公司', @B, 'lost');
            insert into stage_history (customer_id, from_stage, to_stage, changed_at) values
                (901, null, 'lead', '2026-11-10 10:00+08'), (901, 'lead', 'qualified', '2026-11-23 10:00+08'),
                (901, 'qualified', 'negotiation', '2026-11-24 09:00+08'),
                (902, null, 'lead', '2026-11-23 12:00+08'),
                (903, null, 'negotiation', '2026-11-01 15:00+08'), (903, 'negotiation', 'won', '2026-11-23 15:00+08'),
                (904, null, 'qualified', '2026-11-02 16:00+08'), (904, 'qualified', 'lost', '2026-11-23 16:00+08');
            insert into orders (customer_id, ordered_on, amount) values (903, '2026-11-23', 50000), (903, '2026-11-20', 9999);
            insert into interactions (customer_id, rep_id, channel, occurred_at, summary) values
                (901, @A, 'phone', '2026-11-23 11:00+08', '电话'), (901, @A, 'visit', '2026-11-24 09:30+08', '拜访'),
                (902, @A, 'wechat', '2026-11-25 09:00+08', '微信'), (902, @A, 'email', '2026-11-22 09:00+08', '邮件');
            insert into reminders (rep_id, customer_id, due_at, note, status, completed_at) values
                (@A, 901, '2026-11-23 09:00+08', '按时', 'done', '2026-11-23 12:00+08'),
                (@A, 901, '2026-11-23 09:00+08', '逾期', 'open', null),
                (@A, 902, '2026-11-26 09:00+08', '未到期', 'open', null),
                (@A, 902, '2026-11-20 09:00+08', '上周的', 'done', '2026-11-20 10:00+08');
            """, new { A = _repA, B = _repB });
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private Task<FunnelFigures> ThisWeekAsync(IReadOnlySet<long>? owners, bool perRep)
    {
        var (week, _) = PeriodRange.For(ReportPeriod.ThisWeek, new DateOnly(2026, 11, 24));
        return _db.Get<IFunnelQueries>().FiguresAsync(owners, week.StartAt, week.EndAt, _db.Clock.GetUtcNow(), perRep, None);
    }

    [Fact]
    public async Task Figures_TeamThisWeek_MatchHandCount()
    {
        var f = await ThisWeekAsync(new HashSet<long> { _repA, _repB }, perRep: true);

        StageFlow S(FunnelStage stage) => f.Stages.Single(s => s.Stage == stage);
        Assert.Equal((1, 1, 2, 1), (S(FunnelStage.Lead).Now, S(FunnelStage.Lead).Entered, S(FunnelStage.Lead).Present, S(FunnelStage.Lead).Advanced));
        Assert.Equal((0, 1, 2, 1), (S(FunnelStage.Qualified).Now, S(FunnelStage.Qualified).Entered, S(FunnelStage.Qualified).Present, S(FunnelStage.Qualified).Advanced));
        Assert.Equal((1, 1, 2, 1), (S(FunnelStage.Negotiation).Now, S(FunnelStage.Negotiation).Entered, S(FunnelStage.Negotiation).Present, S(FunnelStage.Negotiation).Advanced));
        Assert.Equal((1, 1), (S(FunnelStage.Won).Now, S(FunnelStage.Won).Entered));
        Assert.Equal((1, 1), (S(FunnelStage.Lost).Now, S(FunnelStage.Lost).Entered));
        Assert.Equal(13.0, S(FunnelStage.Lead).AverageDays!.Value, 2);
        Assert.Equal((23 / 24.0 + 21.0) / 2, S(FunnelStage.Qualified).AverageDays!.Value, 2);
        Assert.Equal(22.0, S(FunnelStage.Negotiation).AverageDays!.Value, 2);
        Assert.Equal((1, 50_000m, 1), (f.WonDeals, f.OrderAmount, f.OrderCount));
        Assert.Equal(new Dictionary<InteractionChannel, int> { [InteractionChannel.Phone] = 1, [InteractionChannel.Visit] = 1, [InteractionChannel.WeChat] = 1 },
            f.InteractionsByChannel);
        Assert.Equal((3, 1, 1), (f.FollowUpsDue, f.FollowUpsOnTime, f.FollowUpsOverdue));
        Assert.Equal([new RepLine("张伟", 0, 0, 0, 1, 1, 0, 0m, 50_000m), new RepLine("李娜", 1, 0, 1, 0, 0, 3, 0m, 0m)], f.PerRep);
    }

    [Fact]
    public async Task Figures_OneRep_OnlyTheirCustomers()
    {
        var f = await ThisWeekAsync(new HashSet<long> { _repA }, perRep: false);

        Assert.Equal((0, 0m), (f.WonDeals, f.OrderAmount));
        Assert.Equal(3, f.Interactions);
        Assert.Empty(f.PerRep);
    }

    [Fact]
    public async Task Report_RendersTheNumbersThatMatterFirst()
    {
        var report = await new FunnelReportBuilder(_db.Get<IFunnelQueries>())
            .BuildAsync("团队", new HashSet<long> { _repA, _repB }, ReportPeriod.ThisWeek, _db.Clock.GetUtcNow(), perRep: true, None);
        var text = report.Text(most: 10);

        var lines = text.Split('\n');
        Assert.Equal("**团队漏斗 · 本周（11/23–11/29）**", lines[0]);
        Assert.Equal("成交客户 1 · 签约 0元 · 下单 5万（上周 0 · 0元 · 9999元）", lines[1]);
        Assert.Contains("转化：潜在→意向 50% · 意向→洽谈 50% · 洽谈→成交 50%", lines);
        Assert.Contains("提醒：到期 3，按时完成 1，逾期未办 1", lines);
        Assert.Contains("· 张伟：潜在 0 · 意向 0 · 洽谈 0｜成交 1 · 流失 1｜跟进 0 · 签约 0元", lines);
        Assert.Contains("（转化＝期内到过该阶段的客户中，期内推进到下一阶段或更后的比例）", lines);
        Assert.Equal(2, report.Days.Count);
        Assert.Equal([1, 1], report.Days.Select(d => d.Interactions));
        Assert.Equal([1, 0], report.Days.Select(d => d.Won));
        Assert.Equal([("潜在", 3), ("意向", 2), ("洽谈", 2), ("成交", 1)], report.Bars.Select(b => (b.Stage, b.Count)));
    }

    [Fact]
    public async Task Report_ThisWeekOnAMonday_AlsoShowsLastWeek()
    {
        var monday = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

        var report = await new FunnelReportBuilder(_db.Get<IFunnelQueries>())
            .BuildAsync("团队", new HashSet<long> { _repA, _repB }, ReportPeriod.ThisWeek, monday, perRep: true, None);

        Assert.StartsWith("**团队漏斗 · 本周（11/30–12/6）**", report.Summary);
        Assert.EndsWith("\n今天周一，本周刚开始。上周全周：成交客户 1 · 签约 0元 · 下单 5万 · 跟进 3 次（发「上周漏斗」看完整）", report.Summary);
    }
}
