using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Bot.Host.Cli;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Crypto;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// Two figures for the conversation engine: how many messages the rules understand per second on one thread
/// with customer resolution against a large book, and — against a running host — how long from a stored
/// callback to its reply sitting in the outbox.
/// </summary>
public sealed class NluBenchmark(IOptions<WeComOptions> options, NpgsqlDataSource database)
{
    private static readonly string[] Messages =
    [
        "刚给星辰网络的李总打了电话，他嫌贵，下周三再跟进",
        "上午去成都星辰拜访了马伟，聊得不错，报价15万，周五再跟进",
        "金桥电子有限公司的周总说预算要明年才批，下个月初再联系",
        "恒信投资管理有限公司签了，合同30w左右",
        "天元培训学校的陈校长觉得太贵，要跟别家比一比，12月3号再约",
        "安泰快运的杨经理微信说还在考虑，两周后再跟进",
        "我今天要跟进谁",
        "本周漏斗",
        "客户说太贵了怎么回",
        "我的A类客户有哪些",
        "星辰网络科技有限公司是哪一类客户",
        "明天下午3点提醒我给南京恒信回电话",
    ];

    private static readonly string[] Regions = ["北京", "上海", "广州", "深圳", "杭州", "苏州", "南京", "成都", "武汉", "西安", "重庆", "天津"];
    private static readonly string[] Cores = ["星辰", "华东", "海川", "博远", "恒信", "瑞丰", "远航", "启明", "金桥", "蓝海", "鼎盛", "宏达", "天元", "景和", "新锐", "中科", "安泰", "汇通", "卓越", "东方", "鸿运", "盛世", "凯达", "润华", "永信"];
    private static readonly string[] Trades = ["网络科技", "精密机械", "医疗器械", "教育科技", "投资管理", "商贸", "供应链管理", "软件", "电子", "生物科技", "连锁超市", "汽车配件"];
    private static readonly string[] Surnames = ["李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "孙", "徐"];
    private static readonly string[] Titles = ["总经理", "采购经理", "技术总监", "财务总监", "IT经理"];

    public int RunParser(int customers, int count)
    {
        var (view, scope) = Book(customers);
        var now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(8));
        for (var i = 0; i < 2000; i++)
            MessageParser.Parse(Messages[i % Messages.Length], scope, now, view);

        var latencies = new double[count];
        var total = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            MessageParser.Parse(Messages[i % Messages.Length], scope, now, view);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        total.Stop();
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"understanding: {count} messages against a {customers:N0}-customer book on one thread: {count / total.Elapsed.TotalSeconds:N0} msg/s, p50 {Percentiles.Of(latencies, 0.5):0.000} ms, p99 {Percentiles.Of(latencies, 0.99):0.000} ms"));
        return 0;
    }

    /// <summary>Posts <paramref name="count"/> rep messages to a running host and reads stored-callback → reply-queued times from the database.</summary>
    public async Task<int> RunReplyLatencyAsync(Uri target, string userId, int count, int perSecond, CancellationToken ct)
    {
        var o = options.Value;
        var crypto = new WeComCrypto(o.Token, o.EncodingAESKey, o.CorpId);
        using var http = new HttpClient { BaseAddress = target };
        // Two rounds through every kind of message first, so the host's first-call JIT is not what gets measured.
        var warmUp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        for (var i = 0; i < Messages.Length * 2; i++)
        {
            var (url, body) = CallbackBenchmark.Encrypted(crypto, o.CorpId, warmUp + i, userId, Messages[i % Messages.Length]);
            (await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"), ct)).Dispose();
            await Task.Delay(50, ct);
        }
        // The measured messages start once the warm-up is handled: the first report with charts loads the fonts and
        // ScottPlot (about 1.5 s), and a member's messages are handled in order, so its backlog would be measured too.
        var warmedUp = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < warmedUp)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "select count(*) from inbound_messages where status in ('pending', 'processing')", cancellationToken: ct)) == 0)
                break;
            await Task.Delay(200, ct);
        }
        var first = warmUp + 10_000;
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / perSecond) - pace.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, ct);
            var (url, body) = CallbackBenchmark.Encrypted(crypto, o.CorpId, first + i, userId, Messages[i % Messages.Length]);
            using var response = await http.PostAsync(url, new StringContent(body, Encoding.UTF8, "text/xml"), ct);
            response.EnsureSuccessStatusCode();
        }

        const string sql = """
            select count(*) as answered,
                   percentile_cont(0.5) within group (order by ms) as p50,
                   percentile_cont(0.99) within group (order by ms) as p99
            from (select extract(epoch from o.created_at - i.received_at) * 1000 as ms
                  from inbound_messages i join outbox o on o.idempotency_key = 'reply:' || i.id || ':0'
                  where i.message_key = any(@Keys)) t
            """;
        var keys = Enumerable.Range(0, count).Select(i => "app:msg:" + (first + i)).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var connection = await database.OpenConnectionAsync(ct);
            var (answered, p50, p99) = await connection.QuerySingleAsync<(long, double?, double?)>(new CommandDefinition(sql, new { Keys = keys }, cancellationToken: ct));
            if (answered == count || DateTime.UtcNow > deadline)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"reply latency (callback stored → reply in the outbox), {answered}/{count} messages from {userId} at {perSecond}/s: p50 {p50 ?? 0:0.0} ms, p99 {p99 ?? 0:0.0} ms"));
                return answered == count ? 0 : 1;
            }
            await Task.Delay(200, ct);
        }
    }

    /// <summary>A synthetic book: every customer owned by the one rep, so every name is in scope and the index is at its largest.</summary>
    private static (CustomerDirectory.View, UserScope) Book(int size)
    {
        var customers = new List<DirectoryCustomer>(size);
        var contacts = new List<DirectoryContact>(size * 2);
        var random = new Random(7);
        for (var i = 0; i < size; i++)
        {
            var core = Cores[i % Cores.Length];
            var trade = Trades[i / Cores.Length % Trades.Length];
            var region = Regions[i / (Cores.Length * Trades.Length) % Regions.Length];
            var serial = i / (Cores.Length * Trades.Length * Regions.Length);
            var legal = $"{region}{core}{trade}{(serial == 0 ? "" : serial.ToString(CultureInfo.InvariantCulture))}有限公司";
            customers.Add(new DirectoryCustomer(i + 1, legal, region + core + trade[..2], [region + core], 1));
            for (var k = 0; k < 2; k++)
                contacts.Add(new DirectoryContact(contacts.Count + 1, i + 1, Surnames[random.Next(Surnames.Length)] + "总" + random.Next(100), Titles[random.Next(Titles.Length)]));
        }
        // The demo's own names, so the benchmark messages resolve to something.
        customers.Add(new DirectoryCustomer(size + 1, "星辰网络科技有限公司", "星辰网络", ["星辰"], 1));
        contacts.Add(new DirectoryContact(contacts.Count + 1, size + 1, "李伟", "总经理"));
        var user = new SalesUser(1, "lina", "李娜", UserRole.Rep, null, true);
        return (CustomerDirectory.View.Of(customers, contacts), new UserScope(user, new HashSet<long> { 1 }));
    }
}
