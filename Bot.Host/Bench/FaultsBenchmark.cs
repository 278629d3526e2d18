using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Crypto;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// `scripts/bench faults`: reps write to a host at a steady rate — calls to log (an interaction each) and reminders to
/// set (a reminder each) — while the host is killed with SIGKILL three times, its Redis is stopped for 20 s and its
/// database refuses connections for 20 s. Every callback that is not acknowledged is sent again, as WeCom does.
/// Afterwards each fault's messages are counted through: acknowledged, stored, processed, replies, interactions,
/// reminders; lost and duplicated must be 0. The longest stall is the longest a stored message waited to be handled.
/// </summary>
public sealed class FaultsBenchmark(IOptions<WeComOptions> options, NpgsqlDataSource database)
{
    private const int Reps = 20;
    private static readonly string[] Phases = ["kill -9 #1", "kill -9 #2", "kill -9 #3", "Redis 20 s", "PostgreSQL 20 s"];
    private static readonly string[] Names = ["远山", "青禾", "明川", "泽源", "云岭", "长桥", "白鹭", "松涛", "星野", "海棠",
        "金穗", "银杉", "紫荆", "碧波", "丹枫", "翠柏", "朝阳", "晚霞", "春江", "秋实"];

    private const string SeedSql = """
        insert into users (wecom_userid, name, role) select 'fault_rep' || g, '故障销售' || g, 'rep' from generate_series(1, @Reps) g
        on conflict (wecom_userid) do nothing;
        insert into customers (legal_name, short_name, owner_id, stage)
        select n.name || '科技有限公司', n.name || '科技', u.id, 'qualified'
        from unnest(@Names) with ordinality as n(name, i) join users u on u.wecom_userid = 'fault_rep' || n.i;
        """;

    // One fault's messages (their numbers From..To, carried in the text as Q<n>Z), followed through every table.
    private const string CountSql = """
        with sent as (
                select m.id, m.status, m.received_at, m.processed_at, (regexp_match(m.payload->>'Content', 'Q([0-9]+)Z', 'i'))[1]::bigint as n
                from inbound_messages m where m.payload->>'Content' ilike '%Q%Z'),
             mine as (select * from sent where n between @From and @To),
             logged as (select (regexp_match(source_message, 'Q([0-9]+)Z', 'i'))[1]::bigint as n from interactions where source_message ilike '%Q%Z'),
             reminded as (select (regexp_match(note, 'Q([0-9]+)Z', 'i'))[1]::bigint as n from reminders where note ilike '%Q%Z' and source = 'manual'),
             replied as (select m.id, count(*) as replies from mine m join outbox o on o.idempotency_key like 'reply:' || m.id || ':%' group by m.id)
        select (select count(*) from mine) as stored,
               (select count(distinct n) from mine) as stored_distinct,
               (select count(*) from mine where status = 'done') as processed,
               coalesce((select sum(replies) from replied), 0)::bigint as replies,
               (select count(*) from replied) as replied,
               (select count(*) from logged where n between @From and @To) as interactions,
               (select count(distinct n) from logged where n between @From and @To) as interactions_distinct,
               (select count(*) from reminded where n between @From and @To) as reminders,
               (select count(distinct n) from reminded where n between @From and @To) as reminders_distinct,
               coalesce((select extract(epoch from max(processed_at - received_at))::float8 from mine), 0) as longest_stall
        """;

    private sealed record Counts(long Stored, long StoredDistinct, long Processed, long Replies, long Replied, long Interactions,
        long InteractionsDistinct, long Reminders, long RemindersDistinct, double LongestStall);

    private sealed record Sent(string Phase, long N, bool Logs)
    {
        /// <summary>From the first delivery attempt to the acknowledgement: how long the sender was kept waiting.</summary>
        public TimeSpan Waited { get; init; }
    }

    public async Task<int> RunAsync(int rate, CancellationToken ct)
    {
        var o = options.Value;
        var crypto = new WeComCrypto(o.Token, o.EncodingAESKey, o.CorpId);
        var databaseName = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await using (var connection = await database.OpenConnectionAsync(ct))
            await connection.ExecuteAsync(new CommandDefinition(SeedSql, new { Reps, Names }, cancellationToken: ct));

        var redisPort = BenchProcesses.FreePort();
        var redis = BenchProcesses.StartRedis(redisPort);
        var (emulator, emulatorAddress) = await BenchProcesses.StartEmulatorAsync(o, ct);
        await using var stopEmulator = emulator;
        var port = BenchProcesses.FreePort();
        var settings = new Dictionary<string, string>
        {
            ["WeCom__BaseUrl"] = emulatorAddress + "/wecom-emulator/cgi-bin/",
            ["WeCom__Emulator__Enabled"] = "false",
            ["Redis__Configuration"] = $"127.0.0.1:{redisPort}",
            // The restarted host takes its own unfinished messages back at once.
            ["Inbound__HostId"] = "bench-faults",
            ["WeCom__Outbox__PerRecipientPerMinute"] = "1000",
        };
        using var children = new Children(BenchProcesses.StartHost(port, settings), redis);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitReadyAsync(http, ct);

        var acknowledged = new ConcurrentBag<Sent>();
        var unacknowledged = new ConcurrentBag<Sent>();
        var phase = "warm-up";
        var next = 0L;
        var firstMsgId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        using var stopSending = new CancellationTokenSource();
        var inFlight = new ConcurrentDictionary<long, Task>();
        var sender = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            while (!stopSending.IsCancellationRequested)
            {
                var n = next++;
                var due = TimeSpan.FromSeconds((double)n / rate);
                if (due > clock.Elapsed)
                    await Task.Delay(due - clock.Elapsed, CancellationToken.None);
                var rep = (int)(n % Reps);
                var logs = n % 2 == 0;
                var text = logs ? $"刚给{Names[rep]}科技打了电话，他嫌贵 Q{n}Z" : $"明天上午10点提醒我回访{Names[rep]}科技 Q{n}Z";
                var sent = new Sent(phase, n, logs);
                var (url, body) = CallbackBenchmark.Encrypted(crypto, o.CorpId, firstMsgId + n, $"fault_rep{rep + 1}", text);
                inFlight[n] = DeliverAsync(http, url, body, sent, acknowledged, unacknowledged).ContinueWith(_ => inFlight.TryRemove(n, out Task? _), TaskScheduler.Default);
            }
        }, CancellationToken.None);

        var lines = new List<string>();
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        for (var kill = 1; kill <= 3; kill++)
        {
            phase = Phases[kill - 1];
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            children.Host.Kill(entireProcessTree: true);
            await children.Host.WaitForExitAsync(ct);
            children.Host = BenchProcesses.StartHost(port, settings);
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
        }
        phase = Phases[3];
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        children.Redis.Kill();
        await children.Redis.WaitForExitAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(20), ct);
        children.Redis = BenchProcesses.StartRedis(redisPort);
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        phase = Phases[4];
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await SetConnectionsAsync(databaseName, allowed: false, ct);
        await Task.Delay(TimeSpan.FromSeconds(20), ct);
        await SetConnectionsAsync(databaseName, allowed: true, ct);
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        await stopSending.CancelAsync();
        await sender;
        await Task.WhenAll(inFlight.Values);
        await DrainAsync(ct);

        Console.WriteLine($"{rate} messages/s from {Reps} reps (every other one logs a call, the rest set a reminder); every unacknowledged callback re-sent as WeCom does");
        var failed = false;
        foreach (var name in Phases)
        {
            var mine = acknowledged.Where(s => s.Phase == name).ToList();
            var counts = await CountAsync(mine, ct);
            var expectedInteractions = mine.Count(s => s.Logs);
            var expectedReminders = mine.Count - expectedInteractions;
            var lost = (mine.Count - counts.Processed) + Math.Max(0, expectedInteractions - counts.InteractionsDistinct)
                + Math.Max(0, expectedReminders - counts.RemindersDistinct) + (mine.Count - counts.Replied);
            var duplicated = (counts.Stored - counts.StoredDistinct) + (counts.Replies - counts.Replied)
                + (counts.Interactions - counts.InteractionsDistinct) + (counts.Reminders - counts.RemindersDistinct);
            failed |= lost != 0 || duplicated != 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} acknowledged {mine.Count,4}, stored {counts.Stored,4}, processed {counts.Processed,4}, replies {counts.Replies,4}, interactions {counts.Interactions,4}, reminders {counts.Reminders,4}, lost {lost}, duplicated {duplicated}; longest stall: {mine.Max(s => s.Waited).TotalSeconds:0.0} s until acknowledged, {counts.LongestStall:0.0} s from stored to handled"));
        }
        Console.WriteLine($"never acknowledged (WeCom would have given up): {unacknowledged.Count}");
        failed |= await ReportDeliveriesAsync(emulator.Services.GetRequiredService<Bot.Sandbox.Emulator.MessageStore>(), ct);
        return failed ? 1 : 0;
    }

    /// <summary>
    /// The replies as WeCom got them: the outbox rows marked sent against the app messages the emulator received for
    /// each rep. Rows count what the bot believes; this counts what reached WeCom. A reply cut off by a kill between
    /// WeCom accepting it and the row being marked sent arrives twice (message/send has no idempotency key).
    /// </summary>
    /// <returns>true when a reply was never sent, never arrived or arrived twice.</returns>
    private async Task<bool> ReportDeliveriesAsync(Bot.Sandbox.Emulator.MessageStore wecom, CancellationToken ct)
    {
        const string SentSql = """
            select recipient as Rep, count(*) filter (where status = 'sent') as Sent, count(*) filter (where status <> 'sent') as NotSent
            from outbox where recipient like 'fault_rep%' group by recipient
            """;
        await using var connection = await database.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<(string Rep, long Sent, long NotSent)>(new CommandDefinition(SentSql, cancellationToken: ct))).ToList();
        var received = wecom.Messages().Concat(wecom.Messages(dropped: true)).GroupBy(m => m.ToUser).ToDictionary(g => g.Key, g => g.LongCount());
        var arrived = rows.Sum(r => received.GetValueOrDefault(r.Rep));
        var notSent = rows.Sum(r => r.NotSent);
        var neverArrived = rows.Sum(r => Math.Max(0, r.Sent - received.GetValueOrDefault(r.Rep)));
        var twice = rows.Sum(r => Math.Max(0, received.GetValueOrDefault(r.Rep) - r.Sent));
        Console.WriteLine($"at WeCom: {arrived} app messages arrived for {rows.Sum(r => r.Sent)} replies marked sent; not sent {notSent}, sent but never arrived {neverArrived}, arrived twice {twice}");
        return notSent + neverArrived + twice > 0;
    }

    /// <summary>The host and the Redis the faults are done to, killed whatever way the benchmark ends.</summary>
    private sealed class Children(Process host, Process redis) : IDisposable
    {
        public Process Host { get; set; } = host;

        public Process Redis { get; set; } = redis;

        public void Dispose()
        {
            Host.Kill(entireProcessTree: true);
            Redis.Kill();
        }
    }

    /// <summary>Posts until acknowledged, every second for up to a minute (WeCom retries for a shorter while; the count says how many it would have dropped).</summary>
    private static async Task DeliverAsync(HttpClient http, string url, string body, Sent sent, ConcurrentBag<Sent> acknowledged, ConcurrentBag<Sent> unacknowledged)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var first = Stopwatch.GetTimestamp();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Add(sent with { Waited = Stopwatch.GetElapsedTime(first) });
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The host is down or did not answer in time: WeCom tries again.
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        unacknowledged.Add(sent);
    }

    private async Task<Counts> CountAsync(IReadOnlyList<Sent> sent, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<Counts>(new CommandDefinition(CountSql, new { From = sent.Min(s => s.N), To = sent.Max(s => s.N) }, cancellationToken: ct));
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "select (select count(*) from inbound_messages where status in ('pending', 'processing')) + (select count(*) from outbox where status in ('pending', 'sending'))",
                cancellationToken: ct));
            if (open == 0)
                return;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        Console.WriteLine("still unfinished after two minutes of draining; counted as they are");
    }

    private async Task SetConnectionsAsync(string databaseName, bool allowed, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.ExecuteAsync(new CommandDefinition($"alter database \"{databaseName}\" with allow_connections {(allowed ? "true" : "false")}", cancellationToken: ct));
        if (!allowed)
            await connection.ExecuteAsync(new CommandDefinition("select pg_terminate_backend(pid) from pg_stat_activity where datname = @Name and pid <> pg_backend_pid()", new { Name = databaseName }, cancellationToken: ct));
        // Connections the outage killed must not be handed out again when the database is back.
        database.Clear();
    }

    private static async Task WaitReadyAsync(HttpClient http, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("readyz", ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(200, ct);
        }
        throw new InvalidOperationException("the host did not become ready within 60 s");
    }
}
