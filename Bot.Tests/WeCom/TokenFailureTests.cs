using Bot.Conversations.Team;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// gettoken answering 5xx is a failed attempt like any other: recorded on the message, backed off, parked at the
/// limit — never a batch stuck in "sending" and retried forever.
/// </summary>
public sealed class TokenFailureTests
{
    private static async Task<(string Status, int Attempts, string? Error)> RowAsync(LiveBot bot, string recipient)
    {
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<(string, int, string?)>(
            "select status, attempts, last_error from outbox where recipient = @Recipient order by id limit 1", new { Recipient = recipient });
    }

    private static async Task<(string Status, int Attempts, string? Error)> WaitForAsync(LiveBot bot, string recipient, Func<(string Status, int Attempts, string? Error), bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var row = await RowAsync(bot, recipient);
            if ((row.Status is not null && done(row)) || DateTime.UtcNow > deadline)
                return row;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task GettokenKeepsFailing_AttemptsRecordedThenParked()
    {
        await using var bot = await LiveBot.StartAsync(("WeCom:Outbox:MaxAttempts", "3"));
        await bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("tok_down", "测试销售", UserRole.Rep, null, CancellationToken.None);
        await bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "gettoken", Http500 = 1000 });

        await bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("tok_down", "帮助"));

        var row = await WaitForAsync(bot, "tok_down", r => r.Status == "parked");
        Assert.Equal(("parked", 3), (row.Status, row.Attempts));
        Assert.Contains("gettoken", row.Error);
    }

    [Fact]
    public async Task GettokenFailsTwiceThenRecovers_ReplyDeliveredOnce()
    {
        await using var bot = await LiveBot.StartAsync();
        await bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("tok_flaky", "测试销售", UserRole.Rep, null, CancellationToken.None);
        await bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "gettoken", Http500 = 2 });

        await bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("tok_flaky", "帮助"));

        Assert.Single(await bot.MessagesToAsync("tok_flaky", 1, TimeSpan.FromSeconds(30)));
        var row = await WaitForAsync(bot, "tok_flaky", r => r.Status == "sent");
        Assert.Equal("sent", row.Status);
        Assert.True(row.Attempts >= 2, $"attempts {row.Attempts}");
    }
}
