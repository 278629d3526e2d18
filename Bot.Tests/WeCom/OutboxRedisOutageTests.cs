using Bot.Bench;
using Bot.Conversations.Pipeline;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// Redis (the per-minute budgets) down while a reply is due fails the attempt like a transport failure: recorded on the
/// message, backed off, the row released — never left in "sending" with no error until its lease ends — parked at
/// the limit, and sent once Redis is back.
/// </summary>
public sealed class OutboxRedisOutageTests
{
    private const string Recipient = "redis_out";

    private static async Task<(string Status, int Attempts, string? Error, DateTime? ClaimedUntil)> WaitForAsync(
        LiveBot bot, Func<(string Status, int Attempts, string? Error, DateTime? ClaimedUntil), bool> done)
    {
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var row = await connection.QuerySingleAsync<(string, int, string?, DateTime?)>(
                "select status, attempts, last_error, claimed_until from outbox where recipient = @Recipient", new { Recipient });
            if (done(row) || DateTime.UtcNow > deadline)
                return row;
            await Task.Delay(100);
        }
    }

    private static async Task<LiveBot> StartWithReplyDueAsync(System.Diagnostics.Process redis, int port, params (string Key, string Value)[] settings)
    {
        var bot = await LiveBot.StartAsync([("Redis:Configuration", $"127.0.0.1:{port}"), .. settings]);
        redis.Kill();
        await redis.WaitForExitAsync();
        await bot.Services.GetRequiredService<IOutbox>().EnqueueAsync(
            [new OutgoingMessage("redis-down:1", "app", Recipient, "message", """{"touser":"redis_out","msgtype":"text","text":{"content":"你好"}}""")],
            CancellationToken.None);
        return bot;
    }

    [Fact]
    public async Task RedisDown_AttemptRecordedAndRowReleased_SentOnceRedisIsBack()
    {
        var port = LiveBot.FreePort();
        var redis = BenchProcesses.StartRedis(port);
        try
        {
            await using var bot = await StartWithReplyDueAsync(redis, port);

            var failed = await WaitForAsync(bot, r => r is { Status: "pending", Error: not null });
            Assert.Equal("pending", failed.Status);
            Assert.Contains("Redis", failed.Error);
            Assert.Null(failed.ClaimedUntil);

            redis = BenchProcesses.StartRedis(port);
            Assert.Single(await bot.MessagesToAsync(Recipient, 1, TimeSpan.FromSeconds(30)));
            var sent = await WaitForAsync(bot, r => r.Status == "sent");
            Assert.Equal("sent", sent.Status);
            Assert.True(sent.Attempts >= 2, $"attempts {sent.Attempts}");
        }
        finally
        {
            redis.Kill();
        }
    }

    [Fact]
    public async Task RedisStaysDown_ParkedAtTheLimitWithItsError()
    {
        var port = LiveBot.FreePort();
        var redis = BenchProcesses.StartRedis(port);
        try
        {
            await using var bot = await StartWithReplyDueAsync(redis, port, ("WeCom:Outbox:MaxAttempts", "2"));

            var parked = await WaitForAsync(bot, r => r.Status == "parked");

            Assert.Equal(("parked", 2), (parked.Status, parked.Attempts));
            Assert.Contains("Redis", parked.Error);
        }
        finally
        {
            redis.Kill();
        }
    }
}
