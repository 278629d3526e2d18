using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Conversations.Pipeline;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Host;

/// <summary>`scripts/bot outbox status` in its own process, reading what the live host's dispatcher left waiting.</summary>
public sealed class OutboxStatusCommandLineTests
{
    // 21:30 in Beijing: after the care window closes, so a greeting is held until 08:00.
    private static readonly DateTimeOffset Evening = new(2036, 6, 1, 21, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Status_GreetingHeldForTheWindowAndReplyAfterATokenFailure_ChineseReasonAndBeijingTime()
    {
        await using var bot = await LiveBot.StartAsync(new FakeTimeProvider(Evening), ("WeCom:Outbox:MaxAttempts", "20"));
        await bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "gettoken", Http500 = 1000 });
        await bot.Services.GetRequiredService<IOutbox>().EnqueueAsync([new OutgoingMessage("status:greeting", "app", "wm_status_li", "msg_template",
            """{"chat_type":"single","external_userid":["wm_status_li"],"sender":"status_rep","allow_select":false,"text":{"content":"李总，端午安康！"}}""")],
            CancellationToken.None);
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        // A reply that failed nine times before: its next wait after this token failure (about five minutes) outlasts the command.
        await connection.ExecuteAsync("""
            insert into outbox (idempotency_key, channel, recipient, kind, payload, attempts)
            values ('status:reply', 'app', 'status_rep', 'message', '{"touser":"status_rep","msgtype":"text","text":{"content":"你好"}}', 9)
            """);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await connection.ExecuteScalarAsync<long>("""
                   select count(*) from outbox
                   where status = 'pending' and (waiting_for is not null or (attempts = 10 and last_error is not null))
                   """) < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var asked = DateTimeOffset.UtcNow;

        var result = await BotProcess.RunAsync(bot.ConnectionString, TestEnvironment.NewRedisPrefix(), "outbox", "status");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("待发送（pending）：2 条", result.Output);
        Assert.Contains("等待 1 条：客户祝福只在 08:00–21:00 发送，到点再发（最晚 2036-06-02 08:00:00 北京时间）", result.Output);
        var retry = Regex.Match(result.Output, @"等待 1 条：重试中：(?<error>[^\n]*gettoken[^\n]*)（最晚 (?<until>[\d\- :]+) 北京时间）");
        Assert.True(retry.Success, result.Output);
        var until = DateTimeOffset.ParseExact(retry.Groups["until"].Value + " +08:00", "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        Assert.InRange(until, asked.AddMinutes(3), asked.AddMinutes(7));
    }
}
