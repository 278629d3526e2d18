using System.Diagnostics;
using System.Globalization;
using Bot.Conversations.Churn;
using Bot.Conversations.Common;
using Bot.Conversations.Funnel;
using Bot.Conversations.Reports;
using Bot.Conversations.Targets;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Host.Cli;
using Dapper;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// Generates a large book (100,000 customers, 1,000,000 interactions, 500,000 orders, 200,000 deals, stage history,
/// reminders, targets) with plain SQL and times the heavy reads a manager triggers: the team funnel report with its
/// per-rep × stage table (and the company-wide one), targets, the forecast, the churn list (as the nightly scan leaves
/// it, and with reps logging interactions between two asks, which the next ask re-assesses), and the three charts
/// drawn from those figures.
/// </summary>
public sealed class ReportsBenchmark(
    NpgsqlDataSource database, FunnelReportBuilder funnel, IFunnelQueries funnelQueries, IChurnFindings churn, ITargetRepository targets, ISalesResults results,
    IUserDirectory users, IReportCharts charts, Microsoft.Extensions.Options.IOptions<ForecastOptions> odds, TimeProvider clock)
{
    // What a busy team writes between two asks: twenty calls, one of them a complaint.
    private const string DaytimeSql = """
        insert into interactions (customer_id, rep_id, channel, occurred_at, summary, objections)
        select c.id, c.owner_id, 'phone', now(), '跟进', case when g = 1 then array['complaint'] else '{}' end
        from generate_series(1, 20) g join customers c on c.id = 1 + (g * 7919 + @Seed) % @Customers
        """;

    private const string GenerateSql = """
        insert into users (wecom_userid, name, role) values ('bench_mgr', '基准经理', 'manager');
        insert into users (wecom_userid, name, role, manager_id)
        select 'bench_rep' || g, '销售' || g, 'rep', (select id from users where wecom_userid = 'bench_mgr') from generate_series(1, 20) g;
        create temp table reps as select id, row_number() over (order by id) as n from users where role = 'rep';
        insert into customers (legal_name, owner_id, stage, stage_changed_at, created_at)
        select '基准客户' || g || '有限公司', (select id from reps where n = 1 + g % 20),
               (array['lead','qualified','negotiation','won','lost'])[1 + g % 5], now() - (g % 200) * interval '1 day', now() - interval '2 years'
        from generate_series(1, @Customers) g;
        insert into stage_history (customer_id, from_stage, to_stage, changed_at)
        select c.id, null, 'lead', now() - (200 + c.id % 100) * interval '1 day' from customers c;
        insert into stage_history (customer_id, from_stage, to_stage, changed_at)
        select c.id, 'lead', c.stage, c.stage_changed_at from customers c where c.stage <> 'lead';
        insert into orders (customer_id, ordered_on, amount)
        select c.id, current_date - ((c.id * 7 + k * 53) % 400)::int, 1000 + (c.id * k) % 20000
        from customers c, generate_series(1, 5) k where c.stage = 'won' or c.id % 3 = 0;
        insert into interactions (customer_id, rep_id, channel, occurred_at, summary, objections)
        select c.id, c.owner_id, (array['phone','visit','wechat','email','meeting'])[1 + (c.id + k) % 5],
               now() - ((c.id * 13 + k * 29) % 365) * interval '1 day', '跟进',
               case when (c.id + k) % 50 = 0 then array['complaint'] else '{}' end
        from customers c, generate_series(1, @PerCustomer) k;
        insert into deals (customer_id, owner_id, title, amount, expected_close, stage, closed_at)
        select c.id, c.owner_id, case k when 1 then '' else '二期' end, 10000 + (c.id * 37 + k * 11) % 500000,
               current_date + ((c.id * 3 + k * 17) % 150 - 20)::int,
               case when c.stage in ('won', 'lost') and k = 1 then c.stage when k = 2 and c.stage = 'lead' then 'qualified'
                    else (array['lead','qualified','negotiation'])[1 + (c.id + k) % 3] end,
               case when c.stage in ('won', 'lost') and k = 1 then now() - ((c.id * 7) % 120) * interval '1 day' end
        from customers c, generate_series(1, 2) k;
        insert into sales_targets (user_id, scope, period_kind, period_start, amount)
        select r.id, 'personal', kind, case kind when 'month' then date_trunc('month', current_date)::date else date_trunc('quarter', current_date)::date end,
               case kind when 'month' then 2000000 + r.n * 100000 else 6000000 + r.n * 300000 end
        from reps r, unnest(array['month', 'quarter']) kind;
        insert into sales_targets (user_id, scope, period_kind, period_start, amount)
        select id, 'team', 'month', date_trunc('month', current_date)::date, 50000000 from users where wecom_userid = 'bench_mgr';
        insert into reminders (rep_id, customer_id, due_at, note, status, completed_at)
        select c.owner_id, c.id, now() + ((c.id % 30) - 15) * interval '1 day', '跟进',
               case when c.id % 2 = 0 then 'done' else 'open' end, case when c.id % 2 = 0 then now() - interval '1 day' end
        from customers c where c.id % 2 = 0 or c.id % 5 = 0;
        """;

    public async Task<int> RunAsync(int customers, int interactionsPerCustomer, int runs, CancellationToken ct)
    {
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from users where wecom_userid = 'bench_mgr')", cancellationToken: ct)))
            {
                // Never pour a hundred thousand fake customers into a database that holds real (or sandbox) ones.
                if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from customers)", cancellationToken: ct)))
                {
                    await Console.Error.WriteLineAsync("这个数据库里已有客户，压测数据只生成到空数据库（scripts/bench reports 会自建一个）。");
                    return 1;
                }
                var watch = Stopwatch.StartNew();
                await connection.ExecuteAsync(new CommandDefinition(GenerateSql, new { Customers = customers, PerCustomer = interactionsPerCustomer }, cancellationToken: ct, commandTimeout: 1800));
                // What autovacuum does on a live database: visibility maps for index-only scans, fresh statistics.
                await connection.ExecuteAsync(new CommandDefinition("vacuum analyze", cancellationToken: ct, commandTimeout: 1800));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {customers:N0} customers, {customers * interactionsPerCustomer:N0} interactions and {customers * 2:N0} deals in {watch.Elapsed.TotalSeconds:0.0} s"));
            }
        }
        await using var read = await database.OpenConnectionAsync(ct);
        var team = (await read.QueryAsync<long>(new CommandDefinition("select id from users where role = 'rep'", cancellationToken: ct))).ToHashSet();
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);

        var manager = await users.FindByWeComIdAsync("bench_mgr", ct) ?? throw new InvalidOperationException("no bench manager");
        var people = await users.ListTeamAsync(manager.Id, ct);
        var audience = new ReportAudience("团队", team.Append(manager.Id).ToHashSet(), [.. people, manager], null);
        var company = await ReportAudience.CompanyAsync(users, ct);
        var month = TargetPeriod.MonthOf(today);

        FunnelReport? report = null;
        var funnelTimes = await TimeAsync(runs, async () => report = await funnel.BuildAsync("团队", team, ReportPeriod.ThisWeek, now, perRep: true, ct));
        var monthTableTimes = await TimeAsync(runs, () => funnel.BuildAsync("全公司", null, ReportPeriod.ThisMonth, now, perRep: true, ct));
        var lastMonthTableTimes = await TimeAsync(runs, () => funnel.BuildAsync("全公司", null, ReportPeriod.LastMonth, now, perRep: true, ct));
        var lastMonth = PeriodRange.For(ReportPeriod.LastMonth, today).Current;
        var lastMonthRepTimes = await TimeAsync(runs, () => funnelQueries.PerRepAsync(null, lastMonth.StartAt, lastMonth.EndAt, ct));
        TargetProgress? progress = null;
        var targetTimes = await TimeAsync(runs, async () => progress = await TargetProgress.BuildAsync(targets, results, audience, manager, month, ct));
        var forecastTimes = await TimeAsync(runs, () => ForecastHandler.BuildAsync(results, targets, odds.Value, audience, manager, ReportPeriod.ThisMonth, today, ct));
        var companyForecastTimes = await TimeAsync(runs, () => ForecastHandler.BuildAsync(results, targets, odds.Value, company, null, ReportPeriod.ThisQuarter, today, ct));
        var monthDays = await funnel.BuildAsync("团队", team, ReportPeriod.ThisMonth, now, perRep: false, ct);
        var funnelChart = await TimeAsync(runs, () => Task.FromResult(charts.Funnel("团队漏斗", report!.Bars)));
        var targetChart = await TimeAsync(runs, () => Task.FromResult(charts.TargetAchievement("团队目标完成", progress!.Bars())));
        var trendChart = await TimeAsync(runs, () => Task.FromResult(charts.ActivityTrend("团队每日跟进", monthDays.Days)));
        var scan = Stopwatch.StartNew();
        var scanned = await churn.ScanAsync(today, now, (_, _) => Task.CompletedTask, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nightly churn scan: {scanned.AtRisk:N0} customers at risk, {scan.Elapsed.TotalSeconds:0.0} s"));
        await read.ExecuteAsync(new CommandDefinition("vacuum analyze churn_findings", cancellationToken: ct));
        var churnTimes = await TimeAsync(runs, () => ChurnListAsync(team, today, ct));
        var seed = 0;
        var daytimeTimes = await TimeAsync(runs, () => ChurnListAsync(team, today, ct), () =>
            read.ExecuteAsync(new CommandDefinition(DaytimeSql, new { Seed = ++seed, Customers = customers }, cancellationToken: ct)));
        Console.WriteLine(Line("team funnel report with the per-rep × stage table (this week vs last, 20 reps)", funnelTimes));
        Console.WriteLine(Line("company funnel report with the per-rep × stage table (this month so far vs last, everyone)", monthTableTimes));
        Console.WriteLine(Line("company per-rep × stage table alone (last month, whole)", lastMonthRepTimes));
        Console.WriteLine(Line("company funnel report with the per-rep × stage table (last month, whole, vs the one before)", lastMonthTableTimes));
        Console.WriteLine(Line("targets (team, this month: 20 reps ranked)", targetTimes));
        Console.WriteLine(Line("forecast (team, this month, with its deals)", forecastTimes));
        Console.WriteLine(Line("forecast (company, this quarter, with its deals)", companyForecastTimes));
        Console.WriteLine(Line("chart: funnel", funnelChart));
        Console.WriteLine(Line("chart: target achievement (20 reps)", targetChart));
        Console.WriteLine(Line("chart: activity trend (this month by day)", trendChart));
        Console.WriteLine(Line("churn_list (team)", churnTimes));
        Console.WriteLine(Line("churn_list (team) after 20 new interactions", daytimeTimes));
        return 0;
    }

    // What ChurnListHandler does: the stored page, then the rules for the customers shown.
    private async Task<int> ChurnListAsync(IReadOnlySet<long> team, DateOnly today, CancellationToken ct)
    {
        var page = await churn.TopAsync(team, today, 10, ct) ?? throw new InvalidOperationException("the scan did not store today's findings");
        return page.Top.Sum(f => ChurnRules.Evaluate(f, today).Count);
    }

    private static async Task<double[]> TimeAsync<T>(int runs, Func<Task<T>> action, Func<Task<int>>? before = null)
    {
        await action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            if (before is not null)
                await before();
            var start = Stopwatch.GetTimestamp();
            await action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    private static string Line(string what, double[] sorted) => string.Create(CultureInfo.InvariantCulture,
        $"{what}: p50 {sorted[sorted.Length / 2]:0.0} ms, p95 {Percentiles.Of(sorted, 0.95):0.0} ms, max {sorted[^1]:0.0} ms over {sorted.Length} runs");
}
