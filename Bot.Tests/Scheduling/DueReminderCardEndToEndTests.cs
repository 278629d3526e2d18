using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Scheduling;

/// <summary>The real host with Quartz running: a follow-up falls due, the card reaches WeCom, the rep's click moves it.</summary>
public sealed class DueReminderCardEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await LiveBot.StartAsync(("Scheduling:Enabled", "true"), ("Scheduling:Cron:DueReminders", "0/1 * * * * ?"));

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task FollowUpFallsDue_CardArrives_PostponeButtonMovesItADay()
    {
        var rep = await _bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("card_rep", "赵磊", UserRole.Rep, null, CancellationToken.None);
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        var reminder = await _bot.Services.GetRequiredService<IReminderRepository>().AddAsync(rep.Id, null, due, "给星河科技回电话", "manual", CancellationToken.None);

        var card = Assert.Single(await _bot.MessagesToAsync("card_rep", 1, TimeSpan.FromSeconds(20)));
        Assert.Equal("template_card", card.MsgType);
        Assert.StartsWith("给星河科技回电话\n", card.Payload.GetProperty("sub_title_text").GetString());
        var later = card.Payload.GetProperty("button_list").EnumerateArray().Single(b => b.GetProperty("text").GetString() == "推迟1天");
        await _bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("card_rep", card.TaskId!, later.GetProperty("key").GetString()!));

        var messages = await _bot.MessagesToAsync("card_rep", 2);
        Assert.StartsWith("已推迟到", messages[1].Content);
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var moved = await connection.ExecuteScalarAsync<DateTime>("select due_at from reminders where id = @Id", new { reminder.Id });
        Assert.InRange((new DateTimeOffset(moved, TimeSpan.Zero) - due).TotalHours, 23.99, 24.01);
        // The scheduler keeps running every second, yet the card for that due time went out once.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, (await _bot.MessagesToAsync("card_rep", 3, TimeSpan.Zero)).Count);
    }
}
