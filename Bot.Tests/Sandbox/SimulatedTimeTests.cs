using System.Net.Http.Json;
using System.Text.Json;
using Bot.Conversations.Common;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Sandbox;

/// <summary>
/// 「模拟时间」 on the live sandbox host: moving the clock runs the jobs whose fire times it passes, so a reminder comes
/// due, a festival's greetings are queued and sent, and a greeting held for the night goes out in the morning.
/// </summary>
public sealed class SimulatedTimeTests : IAsyncLifetime
{
    private LiveBot _bot = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartWithDemoCompanyAsync();
        _http = new HttpClient { BaseAddress = new Uri(_bot.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _bot.DisposeAsync();
    }

    private async Task<JsonElement> ClockAsync() => await _http.GetFromJsonAsync<JsonElement>("sandbox/api/clock");

    private async Task<JsonElement> MoveAsync(DateTimeOffset? at)
    {
        using var response = await _http.PostAsJsonAsync("sandbox/api/clock", new { at });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> JobsRun(JsonElement moved) =>
        moved.GetProperty("ran").EnumerateArray().Select(r => r.GetProperty("job").GetString()!);

    private static DateOnly Today => ChinaTime.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Clock_RealAtFirst_OffersTheNextMorningAndTheNextFestival()
    {
        var clock = await ClockAsync();

        Assert.False(clock.GetProperty("simulated").GetBoolean());
        var labels = clock.GetProperty("presets").EnumerateArray().Select(p => p.GetProperty("label").GetString()!).ToList();
        Assert.Contains(labels, l => l is "今早 8:31" or "明早 8:31");
        Assert.Contains(labels, l => l.EndsWith(" 9:05", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoveToTomorrowTen_ReminderSetForThen_ComesDueAsACard_AndTheBotReadsTomorrowAsToday()
    {
        await _bot.SayAsync("lina", "明天上午10点提醒我回访安泰快运", 1);

        var moved = await MoveAsync(ChinaTime.At(Today.AddDays(1), new TimeOnly(10, 0, 30)));

        Assert.Contains("DueReminders", JobsRun(moved));
        Assert.Contains("DailyDigest", JobsRun(moved));
        static bool DueCard(CapturedMessage m) => m.MsgType == "template_card" && LiveBot.TextOf(m).Contains("安泰快运", StringComparison.Ordinal);
        var messages = await WaitForAsync(() => _bot.MessagesToAsync("lina", 0, TimeSpan.Zero), all => all.Skip(1).Any(DueCard));
        Assert.True(messages.Skip(1).Any(DueCard), string.Join(" | ", messages.Select(m => m.MsgType + ":" + LiveBot.TextOf(m))));
        Assert.True((await ClockAsync()).GetProperty("simulated").GetBoolean());

        // The conversation lives in the simulated day too: 「明天」 is now the day after. The move's other notices may still
        // be on their way, so the reply is looked for by what it says rather than by its place in the chat.
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("lina", "后天下午3点提醒我回访安泰快运"));
        var dayAfterTomorrow = $"{Today.AddDays(3).Month}月{Today.AddDays(3).Day}日";
        static bool Confirms(CapturedMessage m, string day) => LiveBot.TextOf(m).Contains("安泰快运", StringComparison.Ordinal) && LiveBot.TextOf(m).Contains(day, StringComparison.Ordinal);
        var later = await WaitForAsync(() => _bot.MessagesToAsync("lina", 0, TimeSpan.Zero), all => all.Skip(messages.Count).Any(m => Confirms(m, dayAfterTomorrow)));
        Assert.True(later.Skip(messages.Count).Any(m => Confirms(m, dayAfterTomorrow)), string.Join(" | ", later.Skip(messages.Count).Select(LiveBot.TextOf)));

        var back = await MoveAsync(null);
        Assert.Empty(JobsRun(back));
        Assert.False(back.GetProperty("state").GetProperty("simulated").GetBoolean());
    }

    [Fact]
    public async Task FestivalPreset_FriendsGreeted_GreetingAtNightWaitsWithItsReason_ThenGoesOutInTheMorning()
    {
        // The customer adds lina on WeChat: the contact is linked and consents to greetings.
        await AddFriendOfLinaAsync("李伟", "星辰网络");
        var festival = (await ClockAsync()).GetProperty("presets").EnumerateArray().First(p => p.GetProperty("label").GetString()!.EndsWith(" 9:05", StringComparison.Ordinal));
        var festivalDay = ChinaTime.DateOf(festival.GetProperty("at").GetDateTimeOffset());

        await MoveAsync(ChinaTime.At(festivalDay.AddDays(-1), new TimeOnly(22, 0)));
        var moved = await MoveAsync(festival.GetProperty("at").GetDateTimeOffset());

        Assert.Contains(moved.GetProperty("ran").EnumerateArray(), r => r.GetProperty("job").GetString() == "CareGreetings"
            && r.GetProperty("result").GetString()!.StartsWith("客户关怀：排队 1 条", StringComparison.Ordinal));
        var greetings = await WaitForAsync(async () => await _bot.ControlAsync<List<GroupMessageTask>>("group-messages?sender=lina&confirmed=false"), g => g.Count > 0);
        Assert.Contains(greetings, g => g.Text is { } text && text.StartsWith("李总，元旦快乐", StringComparison.Ordinal) == (festivalDay.Month == 1 && festivalDay.Day == 1)
            && text.Contains("星辰网络", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GreetingQueuedAtNight_WaitsForTheMorning_PageSaysWhy_ThenSentAfterTheMove()
    {
        var added = await AddFriendOfLinaAsync("李伟", "星辰网络");
        await MoveAsync(ChinaTime.At(Today.AddDays(1), new TimeOnly(23, 0)));
        var outbox = _bot.Services.GetService(typeof(Bot.Data.Messaging.OutboxStore)) as Bot.Data.Messaging.OutboxStore;
        var template = new System.Text.Json.Nodes.JsonObject
        {
            ["chat_type"] = "single",
            ["sender"] = "lina",
            ["external_userid"] = new System.Text.Json.Nodes.JsonArray(added.ExternalUserId),
            ["text"] = new System.Text.Json.Nodes.JsonObject { ["content"] = "李总晚上好" },
        };
        await outbox!.EnqueueAsync([new Bot.Conversations.Pipeline.OutgoingMessage("sim-night-1", "app", added.ExternalUserId, "msg_template", template.ToJsonString())], CancellationToken.None);

        var waiting = await WaitForAsync(async () => await _http.GetFromJsonAsync<JsonElement>("sandbox/api/waiting"),
            w => w.EnumerateArray().Any(x => x.GetProperty("why").GetString()!.Contains("08:00", StringComparison.Ordinal)));
        Assert.Contains(waiting.EnumerateArray(), x => x.GetProperty("why").GetString()!.StartsWith("客户祝福只在 08:00–21:00 发送", StringComparison.Ordinal));

        await MoveAsync(ChinaTime.At(Today.AddDays(2), new TimeOnly(8, 1)));

        var sent = await WaitForAsync(async () => await _bot.ControlAsync<List<GroupMessageTask>>("group-messages?sender=lina&confirmed=false"),
            g => g.Any(x => x.Text == "李总晚上好"));
        Assert.Contains(sent, x => x.Text == "李总晚上好");
    }

    /// <summary>
    /// Returns once the bot has handled the add_external_contact callback: a move of the clock runs the contact
    /// reconciliation, which would otherwise link the same new contact at the same moment and fail the move.
    /// </summary>
    private async Task<AddContactResponse> AddFriendOfLinaAsync(string name, string corpName)
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("lina", name, CorpName: corpName));
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var linked = await WaitForAsync(() => connection.ExecuteScalarAsync<long>(
            "select count(*) from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }), n => n > 0);
        Assert.Equal(1, linked);
        return added;
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            value = await read();
        }
        return value;
    }
}
