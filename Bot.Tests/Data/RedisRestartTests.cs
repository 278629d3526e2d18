using Bot.Bench;
using Bot.Conversations.Team;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Data;

/// <summary>
/// Redis is restarted (empty, as after a crash) while a member keeps writing: the running host reconnects on its
/// own and every acknowledged message is processed once and answered once, with no restart of the bot.
/// </summary>
public sealed class RedisRestartTests
{
    [Fact]
    public async Task RedisRestartedUnderLoad_HostReconnects_MessagesAnsweredAgain()
    {
        var port = LiveBot.FreePort();
        var redis = BenchProcesses.StartRedis(port);
        try
        {
            await using var bot = await LiveBot.StartAsync(("Redis:Configuration", $"127.0.0.1:{port}"));
            await bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("redis_restart", "测试经理", UserRole.Manager, null, CancellationToken.None);

            var acknowledged = 0;
            async Task SendAsync()
            {
                var delivery = await bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("redis_restart", "本周漏斗"));
                if (delivery.Delivered)
                    Interlocked.Increment(ref acknowledged);
            }

            for (var i = 0; i < 5; i++)
                await SendAsync();
            Assert.Equal(5, (await bot.MessagesToAsync("redis_restart", 5)).Count);

            // Load continues while Redis dies and comes back on the same port.
            using var load = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                while (!load.IsCancellationRequested)
                {
                    await SendAsync();
                    await Task.Delay(100);
                }
            });
            redis.Kill();
            await redis.WaitForExitAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            redis = BenchProcesses.StartRedis(port);
            await Task.Delay(TimeSpan.FromSeconds(3));
            await load.CancelAsync();
            await writer;

            var before = acknowledged;
            for (var i = 0; i < 5; i++)
                await SendAsync();
            Assert.Equal(before + 5, acknowledged);
            // The outbox holds one reply per message (delivery itself is paced by the per-recipient budget).
            await using var db = new NpgsqlConnection(bot.ConnectionString);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            (long Done, long Replies) counts;
            while ((counts = await db.QuerySingleAsync<(long, long)>(Counts)) != (acknowledged, acknowledged) && DateTime.UtcNow < deadline)
                await Task.Delay(200);
            Assert.Equal((acknowledged, acknowledged), counts);
        }
        finally
        {
            redis.Kill();
        }
    }

    [Fact]
    public async Task RedisDown_AiBotMessage_StreamedAnswerStillShown()
    {
        var port = LiveBot.FreePort();
        var redis = BenchProcesses.StartRedis(port);
        try
        {
            await using var bot = await LiveBot.StartAsync(("Redis:Configuration", $"127.0.0.1:{port}"));
            await bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("redis_down_ai", "测试经理", UserRole.Manager, null, CancellationToken.None);
            redis.Kill();
            await redis.WaitForExitAsync();

            var exchange = await bot.ControlAsync<AiBotExchange>("aibot/message", new AiBotMessageRequest("redis_down_ai", "本周漏斗"));

            Assert.True(exchange.Finished, exchange.Error);
            Assert.Contains("漏斗", exchange.FinalContent);
        }
        finally
        {
            redis.Kill();
        }
    }

    private const string Counts = """
        select (select count(*) from inbound_messages where status = 'done'),
               (select count(*) from outbox where recipient = 'redis_restart')
        """;
}
