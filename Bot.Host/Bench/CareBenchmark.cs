using System.Diagnostics;
using System.Globalization;
using Bot.Conversations.Care;
using Bot.Host.Care;
using Bot.Host.WeCom;
using Bot.Sandbox.Emulator;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// Spring Festival for a large book: times queuing the greetings, then lets a separate host process dispatch them to
/// the emulator (running in this process) under an add_msg_template limit, kills it with SIGKILL mid-run, lets a
/// second host carry on (and kills that one too), and checks that no customer got two group sends.
/// </summary>
public sealed class CareBenchmark(NpgsqlDataSource database, CareGreetingRun greetings, IOptions<WeComOptions> wecom)
{
    private static readonly DateTimeOffset SpringFestivalMorning = new(2027, 2, 6, 9, 0, 0, TimeSpan.FromHours(8));

    private const string GenerateSql = """
        insert into users (wecom_userid, name, role) select 'bench_care_rep' || g, '销售' || g, 'rep' from generate_series(1, @Reps) g;
        create temp table reps as select id, row_number() over (order by id) as n from users where wecom_userid like 'bench_care_rep%';
        with c as (
            insert into customers (legal_name, short_name, owner_id, stage)
            select '基准客户' || g || '有限公司', '基准' || g, (select id from reps where n = 1 + g % @Reps), 'won' from generate_series(1, @Customers) g
            returning id)
        insert into contacts (customer_id, name, title, wecom_external_userid, care_consent_at, care_consent_source)
        select id, '李' || id, '总经理', 'wm_bench_' || id, now(), 'import' from c;
        insert into orders (customer_id, ordered_on, amount) select id, date '2024-03-01' + (id % 300)::int, 10000 from customers;
        """;

    private const string FollowsSql = """
        select u.wecom_userid as user_id, ct.wecom_external_userid as external_user_id, ct.name
        from contacts ct join customers c on c.id = ct.customer_id join users u on u.id = c.owner_id
        """;

    private sealed record Follow(string UserId, string ExternalUserId, string Name);

    public async Task<int> RunAsync(int customers, int perMinute, int seconds, CancellationToken ct)
    {
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from customers)", cancellationToken: ct)))
            {
                await Console.Error.WriteLineAsync("这个数据库里已有客户，压测只在空数据库上运行（scripts/bench care 会自建一个）。");
                return 1;
            }
            var generate = Stopwatch.StartNew();
            await connection.ExecuteAsync(new CommandDefinition(GenerateSql, new { Customers = customers, Reps = 200 }, cancellationToken: ct, commandTimeout: 600));
            await connection.ExecuteAsync(new CommandDefinition("vacuum analyze", cancellationToken: ct, commandTimeout: 600));
            Print($"generated {customers:N0} consented customers on WeCom across 200 reps in {generate.Elapsed.TotalSeconds:0.0} s");
        }

        var (emulator, emulatorAddress) = await BenchProcesses.StartEmulatorAsync(wecom.Value, ct);
        await using var stopEmulator = emulator;
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            var follows = await connection.QueryAsync<Follow>(new CommandDefinition(FollowsSql, cancellationToken: ct));
            emulator.Services.GetRequiredService<ContactStore>().AddExisting(follows.Select(f => (f.UserId, f.ExternalUserId, f.Name)));
        }

        var enqueue = Stopwatch.StartNew();
        var summary = await greetings.RunAsync(SpringFestivalMorning, ct);
        Print($"enqueue: {summary.Queued:N0} Spring Festival greetings and {summary.RepsNoted} rep notes queued in {enqueue.Elapsed.TotalSeconds:0.00} s (target ≤ 20 s)");

        var sends = emulator.Services.GetRequiredService<GroupMessageStore>();
        var apiBase = emulatorAddress + "/wecom-emulator/cgi-bin/";
        var phases = new List<(string Name, DateTimeOffset From, DateTimeOffset To)>();
        foreach (var name in new[] { "first host", "restarted host" })
        {
            var host = StartHost(apiBase, perMinute);
            var from = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(seconds), ct);
            // SIGKILL mid-run, exactly like a crash: rows it claimed or had in flight are left to the next host.
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync(ct);
            phases.Add((name, from, DateTimeOffset.UtcNow));
            Print($"{name}: SIGKILL after {seconds} s; {sends.Tasks().Count:N0} group sends in WeCom so far");
        }

        var tasks = sends.Tasks();
        var targets = tasks.SelectMany(t => t.Targets).ToList();
        var duplicates = targets.Count - targets.Select(t => t.ExternalUserId).Distinct().Count();
        await using (var connection = await database.OpenConnectionAsync(ct))
        {
            var marked = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "select count(*) from outbox where kind = @Kind and status = 'sent'", new { Kind = CareMessages.GroupSendKind }, cancellationToken: ct));
            Print($"dispatch: {targets.Count:N0} of {summary.Queued:N0} greetings in WeCom after two hosts of {seconds} s each ({marked:N0} marked sent; the rest is in flight or still queued); customers with two group sends: {duplicates}");
        }
        foreach (var (name, from, to) in phases)
            ReportRate(name, [.. tasks.Select(t => t.CreateTime).Where(t => t >= from && t < to).Order()], perMinute);
        return duplicates == 0 ? 0 : 1;
    }

    /// <summary>
    /// The limit is spent in ten-second slices (<see cref="Bot.Data.Redis.RateLimiter.TryTakeSmoothedAsync"/>), so the
    /// fair measure is the sends in each whole slice the host worked through; its first and last slice are partial.
    /// </summary>
    private static void ReportRate(string name, IReadOnlyList<DateTimeOffset> times, int perMinute)
    {
        var slices = times.GroupBy(t => t.ToUnixTimeSeconds() / 10).OrderBy(g => g.Key).Skip(1).SkipLast(1).Select(g => g.Count()).ToList();
        if (slices.Count == 0)
        {
            Print($"{name}: {times.Count:N0} group sends, too few whole ten-second slices to measure a rate");
            return;
        }
        var perSlice = perMinute / 6.0;
        Print($"{name}: {slices.Average() * 6:N0} group sends a minute over {slices.Count} whole ten-second slices = {100.0 * slices.Average() / perSlice:0.0}% of the limit {perMinute:N0}/min (lowest slice {100.0 * slices.Min() / perSlice:0.0}%)");
    }

    private Process StartHost(string apiBase, int perMinute) => BenchProcesses.StartHost(BenchProcesses.FreePort(), new Dictionary<string, string>
    {
        ["WeCom__BaseUrl"] = apiBase,
        ["WeCom__Emulator__Enabled"] = "false",
        ["WeCom__Outbox__GroupSendPerMinute"] = perMinute.ToString(CultureInfo.InvariantCulture),
        ["WeCom__Outbox__Dispatchers"] = wecom.Value.Outbox.Dispatchers.ToString(CultureInfo.InvariantCulture),
        ["WeCom__Outbox__LeaseSeconds"] = "5",
        // The bench runs whenever it is started; the daytime window is tested elsewhere.
        ["Care__SendFromHour"] = "0",
        ["Care__SendUntilHour"] = "24",
    });

    private static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));
}
