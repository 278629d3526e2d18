using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Bot.Host.Cli;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Crypto;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Bench;

/// <summary>
/// Drives a running host's /wecom/callback the way WeCom would, at fixed rates (open loop: a slow host does not
/// slow the senders), and reports acknowledged callbacks per second, ack latency and lost or duplicated messages.
/// A share of messages is delivered twice, as WeCom does after a slow answer, to prove de-duplication under load.
/// </summary>
public sealed class CallbackBenchmark(IOptions<WeComOptions> options, NpgsqlDataSource database)
{
    private sealed record Shot(long MsgId, string Url, string Body);

    private sealed record Result(long MsgId, int Status, double Milliseconds);

    public async Task<int> RunAsync(Uri target, int[] rates, int seconds, double duplicateShare, CancellationToken ct)
    {
        var o = options.Value;
        var crypto = new WeComCrypto(o.Token, o.EncodingAESKey, o.CorpId);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = target,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var firstMsgId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var nextMsgId = firstMsgId;
        var acked = new HashSet<long>();
        Console.WriteLine("rate/s  sent  acked/s  p50 ms  p99 ms  max ms  errors");
        // The first step only warms up (JIT, connection pools) and is not printed.
        foreach (var (rate, warmUp) in rates.Select(r => (r, false)).Prepend((200, true)))
        {
            var shots = new List<Shot>();
            for (var i = 0; i < rate * seconds; i++)
            {
                var msgId = nextMsgId++;
                shots.Add(Build(crypto, o.CorpId, msgId, $"bench{msgId % 500}", "刚给星辰的李总打了电话，他嫌贵，下周三再跟进"));
                if (Random.Shared.NextDouble() < duplicateShare)
                    shots.Add(shots[^1] with { });
            }
            var results = await FireAsync(http, shots, rate, ct);
            var ok = results.Where(r => r.Status == 200).ToList();
            foreach (var r in ok)
                acked.Add(r.MsgId);
            if (warmUp)
                continue;
            var latencies = ok.Select(r => r.Milliseconds).Order().ToArray();
            var span = (double)shots.Count / rate;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rate,6}  {shots.Count,5}  {ok.Count / span,7:0}  {Percentiles.Of(latencies, 0.50),6:0.0}  {Percentiles.Of(latencies, 0.99),6:0.0}  {latencies.LastOrDefault(),6:0.0}  {results.Count - ok.Count,6}"));
        }

        var (stored, duplicated) = await CountStoredAsync(firstMsgId, nextMsgId, ct);
        var lost = acked.Count - stored;
        Console.WriteLine($"acknowledged messages: {acked.Count}, stored once: {stored}, lost: {lost}, duplicated: {duplicated}");
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    /// <summary>One signed, encrypted app callback carrying a text message, exactly as WeCom would post it.</summary>
    internal static (string Url, string Body) Encrypted(WeComCrypto crypto, string corpId, long msgId, string from, string content)
    {
        var shot = Build(crypto, corpId, msgId, from, content);
        return (shot.Url, shot.Body);
    }

    private static Shot Build(WeComCrypto crypto, string corpId, long msgId, string from, string content)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var xml = $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName><CreateTime>{now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId><AgentID>1</AgentID></xml>";
        var encrypted = crypto.Encrypt(xml);
        var timestamp = now.ToString(CultureInfo.InvariantCulture);
        var nonce = msgId.ToString(CultureInfo.InvariantCulture)[^9..];
        var url = $"wecom/callback?msg_signature={crypto.Sign(timestamp, nonce, encrypted)}&timestamp={timestamp}&nonce={nonce}";
        return new Shot(msgId, url, $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>");
    }

    private static async Task<List<Result>> FireAsync(HttpClient http, List<Shot> shots, int rate, CancellationToken ct)
    {
        var tasks = new List<Task<Result>>(shots.Count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < shots.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
                await Task.Delay(wait, ct);
            tasks.Add(PostAsync(http, shots[i], ct));
        }
        return [.. await Task.WhenAll(tasks)];
    }

    private static async Task<Result> PostAsync(HttpClient http, Shot shot, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.PostAsync(shot.Url, new StringContent(shot.Body, Encoding.UTF8, "text/xml"), ct);
            return new Result(shot.MsgId, (int)response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new Result(shot.MsgId, (int)HttpStatusCode.ServiceUnavailable, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private async Task<(long Stored, long Duplicated)> CountStoredAsync(long first, long next, CancellationToken ct)
    {
        const string sql = """
            select count(*) as stored,
                   (select count(*) from (select message_key from inbound_messages group by message_key having count(*) > 1) d) as duplicated
            from inbound_messages
            where message_key = any(@Keys)
            """;
        var keys = Enumerable.Range(0, (int)(next - first)).Select(i => "app:msg:" + (first + i)).ToArray();
        await using var connection = await database.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(sql, new { Keys = keys }, cancellationToken: ct, commandTimeout: 120));
        return row;
    }
}
