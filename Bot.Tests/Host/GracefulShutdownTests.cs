using System.Diagnostics;
using System.Text;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>
/// systemd stops the bot with SIGTERM (a restart, an upgrade) while reps keep writing. WeCom re-posts a callback that
/// found nobody listening, as <see cref="StreamAsync"/> does here; every message must be answered exactly once.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(30);

    // A stopping host hands its unsent rows back itself, so nothing here waits for a lease; a short one would only let
    // a send that a loaded machine slows past it be taken over and sent again, which is the lease's job, not the stop's.
    private static readonly Dictionary<string, string> LongLeases = new() { ["WeCom__Outbox__LeaseSeconds"] = "15" };
    private string _connectionString = "";
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    [Fact]
    public async Task SigtermDuringStream_ExitsCleanly_EveryMessageAnsweredOnce()
    {
        var port = LiveBot.FreePort();
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        // WeCom acts on each send and answers slowly, so sends are in flight when the signal comes: one cut off would
        // be delivered yet unrecorded, and sent again by the next host.
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", LatencyMs = 400, LatencyAfterHandling = true });
        await using var first = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, port, LongLeases);
        var ports = new[] { port };
        const int count = 60;
        var stream = StreamAsync("sigterm", count, () => ports);

        await WaitForSentAsync(emulator, "sigterm", 5);
        var stopwatch = Stopwatch.StartNew();
        var exitCode = await first.TerminateAsync(StopWithin);
        stopwatch.Stop();
        await using var second = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, port, LongLeases);
        await stream;

        Assert.Equal(0, exitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {stopwatch.Elapsed}");
        await AssertAnsweredOnceAsync(emulator, "sigterm", count);
    }

    [Fact]
    public async Task RollingUpgradeOfTwoHosts_EveryMessageAnsweredOnce()
    {
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", LatencyMs = 200, LatencyAfterHandling = true });
        await using var a = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: LongLeases);
        await using var b = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: LongLeases);
        var ports = new[] { a.Port, b.Port };
        const int count = 80;
        var stream = StreamAsync("upgrade", count, () => ports);

        await WaitForSentAsync(emulator, "upgrade", 5);
        Assert.Equal(0, await a.TerminateAsync(StopWithin));
        await using var newA = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, a.Port, LongLeases);
        await WaitForSentAsync(emulator, "upgrade", 30);
        Assert.Equal(0, await b.TerminateAsync(StopWithin));
        await using var newB = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, b.Port, LongLeases);
        await stream;

        await AssertAnsweredOnceAsync(emulator, "upgrade", count);
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("select count(*) from inbound_messages where status <> 'done'"));
    }

    /// <summary>One message each from <paramref name="count"/> reps, 25 a second, every one re-posted until a host acknowledges it.</summary>
    private static async Task StreamAsync(string prefix, int count, Func<int[]> ports)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        for (var i = 0; i < count; i++)
        {
            var (url, body) = SignedCallback.Envelope(SignedCallback.Text($"{prefix}_{i}", "我今天要跟进谁", 9_100_000 + i + (prefix.Length * 1000)));
            for (var attempt = 0; ; attempt++)
            {
                var targets = ports();
                try
                {
                    using var response = await http.PostAsync($"http://127.0.0.1:{targets[(i + attempt) % targets.Length]}{url}", new StringContent(body, Encoding.UTF8, "text/xml"));
                    if (response.IsSuccessStatusCode)
                        break;
                }
                catch (HttpRequestException)
                {
                    // Nobody listening on that port right now: WeCom tries again.
                }
                catch (TaskCanceledException)
                {
                    // No answer in time: WeCom tries again.
                }
                Assert.True(DateTime.UtcNow < deadline, $"message {i} was never acknowledged");
                await Task.Delay(100);
            }
            await Task.Delay(40);
        }
    }

    private static async Task<List<CapturedMessage>> SentAsync(StandaloneEmulator emulator, string prefix) =>
        [.. (await emulator.ControlAsync<List<CapturedMessage>>("messages")).Where(m => m.ToUser.StartsWith(prefix + "_", StringComparison.Ordinal))];

    private static async Task WaitForSentAsync(StandaloneEmulator emulator, string prefix, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await SentAsync(emulator, prefix)).Count < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, $"fewer than {atLeast} replies within a minute");
            await Task.Delay(50);
        }
    }

    private static async Task AssertAnsweredOnceAsync(StandaloneEmulator emulator, string prefix, int count)
    {
        await WaitForSentAsync(emulator, prefix, count);
        // A second send would come from a host that took a row over, or from one that resent it on start: both at once.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var sent = await SentAsync(emulator, prefix);
        Assert.Equal(count, sent.Count);
        Assert.Equal(count, sent.Select(m => m.ToUser).Distinct().Count());
    }
}
