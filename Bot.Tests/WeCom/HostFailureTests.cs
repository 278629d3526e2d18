using System.Net;
using System.Text;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>Crashes and scale-out: the bot in separate processes, WeCom (the emulator) staying up across them.</summary>
public sealed class HostFailureTests : IAsyncLifetime
{
    private string _connectionString = "";
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public Task DisposeAsync() => TestDatabases.DropAsync(_connectionString);

    private static async Task<List<CapturedMessage>> WaitForMessagesAsync(StandaloneEmulator emulator, string userId, int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var messages = await emulator.ControlAsync<List<CapturedMessage>>($"messages?touser={userId}");
            if (messages.Count >= count || DateTime.UtcNow > deadline)
                return messages;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task HostKilledAfterAckBeforeReplying_ReplySentAfterRestartOnce()
    {
        var port = LiveBot.FreePort();
        await using var emulator = await StandaloneEmulator.StartAsync($"http://127.0.0.1:{port}/wecom/callback");
        // WeCom refuses every send for now, so the reply cannot leave before the crash.
        await emulator.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", Http500 = 100_000 });
        var first = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, port);

        var delivery = await emulator.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("crash_user", "刚拜访了海川医疗"));
        Assert.Equal(200, delivery.StatusCode);
        await first.KillAsync();
        await emulator.ClearFaultsAsync();
        Assert.Empty(await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=crash_user"));

        await using var second = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, port);

        Assert.Single(await WaitForMessagesAsync(emulator, "crash_user", 1, TimeSpan.FromSeconds(30)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(await WaitForMessagesAsync(emulator, "crash_user", 2, TimeSpan.Zero));
    }

    [Fact]
    public async Task TwoHostsShareTheDatabase_EveryMessageAnsweredOnce()
    {
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        await using var one = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl);
        await using var two = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl);
        using var http = new HttpClient();
        const int members = 30;

        for (var i = 0; i < members; i++)
        {
            // Behind a load balancer WeCom's retry of a message may land on the other host.
            var (url, body) = SignedCallback.Envelope(SignedCallback.Text($"pair_{i}", "我今天要跟进谁", 8_000_000 + i));
            foreach (var host in i % 2 == 0 ? new[] { one, two } : [two, one])
            {
                var response = await http.PostAsync($"http://127.0.0.1:{host.Port}{url}", new StringContent(body, Encoding.UTF8, "text/xml"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<CapturedMessage> all;
        do
        {
            all = await emulator.ControlAsync<List<CapturedMessage>>("messages");
            await Task.Delay(100);
        }
        while (all.Count < members && DateTime.UtcNow < deadline);
        await Task.Delay(TimeSpan.FromSeconds(2));
        all = await emulator.ControlAsync<List<CapturedMessage>>("messages");

        Assert.Equal(members, all.Count);
        Assert.Equal(members, all.Select(m => m.ToUser).Distinct().Count());
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal(members, await connection.ExecuteScalarAsync<long>("select count(*) from inbound_messages"));
    }
}
