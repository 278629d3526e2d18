using Bot.Host.Scheduling;
using Bot.Host.Scheduling.Jobs;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// 「约了X周五上午10点去厂里谈」 through the WeCom emulator on the demo company: an appointment, not an interaction
/// logged today — reminded an hour before, and once it should be over the rep is asked how it went; the answer, with
/// no customer named, is logged as that appointment's interaction. An appointment already reported is not asked about.
/// </summary>
public sealed class AppointmentEndToEndTests : IAsyncLifetime
{
    // Wednesday 2 December 2026, 09:00 in Beijing.
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Wednesday);
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(_clock);

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        var reply = LiveBot.TextOf(await _bot.SayAsync(user, text, before + 1));
        await _bot.SettledAsync(user);
        return reply;
    }

    private async Task RunDueRemindersAsync()
    {
        await _bot.Services.GetServices<IScheduledJob>().OfType<DueRemindersJob>().Single().RunAsync(_clock.GetUtcNow(), CancellationToken.None);
        await _bot.SettledAsync("lina");
    }

    private async Task<List<(string Channel, string Summary)>> InteractionsAsync(string customer)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var rows = await connection.QueryAsync<(string, string)>("""
            select i.channel, i.summary from interactions i join customers c on c.id = i.customer_id
            where c.short_name = @Customer and i.occurred_at >= @Since order by i.id
            """, new { Customer = customer, Since = Wednesday.UtcDateTime });
        return [.. rows];
    }

    [Fact]
    public async Task Appointment_RemindedBefore_ThenAskedHowItWent_AndTheAnswerIsItsInteraction()
    {
        var booked = await SayAsync("lina", "约了天元培训周五上午10点去学校谈");

        Assert.StartsWith("已记下约见：后天 12月4日（周五） 10:00 天元培训 · 面谈。提前1小时提醒你，结束后我问你谈得怎么样", booked);
        Assert.Empty(await InteractionsAsync("天元培训"));

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 1, 0, 30, TimeSpan.Zero));
        await RunDueRemindersAsync();
        var card = await _bot.MessagesToAsync("lina", 2);
        Assert.Contains("约了天元培训", LiveBot.TextOf(card[^1]));

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 3, 31, 0, TimeSpan.Zero));
        await RunDueRemindersAsync();
        await RunDueRemindersAsync();
        var asked = await _bot.MessagesToAsync("lina", 3);
        Assert.Equal(3, asked.Count);
        Assert.StartsWith("天元培训的面谈（今天 12月4日（周五） 10:00）谈得怎么样？", LiveBot.TextOf(asked[^1]));

        var logged = await SayAsync("lina", "谈得挺顺利，校长想先看报价，下周一再跟进");

        Assert.StartsWith("已记录：天元培训 · 拜访", logged);
        Assert.Contains("12月7日", logged);
        var interaction = Assert.Single(await InteractionsAsync("天元培训"));
        Assert.Equal("visit", interaction.Channel);
        Assert.Contains("报价", interaction.Summary);
    }

    [Fact]
    public async Task AppointmentAlreadyReported_IsNotAskedAbout()
    {
        await SayAsync("lina", "约了天元培训明天下午2点开个视频会");
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));
        await SayAsync("lina", "刚和天元培训开完视频会，课程方案基本认可");
        var before = (await _bot.MessagesToAsync("lina", 0)).Count;

        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        await RunDueRemindersAsync();

        Assert.Equal(before, (await _bot.MessagesToAsync("lina", 0)).Count);
        Assert.Single(await InteractionsAsync("天元培训"));
    }
}
