using System.Text.Json.Nodes;
using Bot.Conversations.Care;
using Bot.Data.Import;
using Bot.Host.Care;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Care;

/// <summary>Care runs at simulated times against the real host, PostgreSQL, Redis and the WeCom emulator.</summary>
public sealed class CareRunTests
{
    // 春节 2027 at 09:00 in Shanghai.
    private static readonly DateTimeOffset SpringFestivalMorning = new(2027, 2, 6, 9, 0, 0, TimeSpan.FromHours(8));

    private static async Task<List<GroupMessageTask>> GroupSendsAsync(LiveBot bot, string sender, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var tasks = await bot.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={sender}");
            if (tasks.Count >= atLeast || DateTime.UtcNow > deadline)
                return tasks;
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until the dispatcher has recorded WeCom's answer for every greeting.</summary>
    private static async Task AllDispatchedAsync(CareBook book)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await book.OutboxAsync(CareMessages.GroupSendKind)).Any(r => r.Status != "sent") && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    /// <summary>A live bot at <paramref name="at"/> with one rep, 张伟, whose customer 星辰网络's 李明 (总经理) is on WeCom.</summary>
    private sealed record OneCustomer(FakeTimeProvider Clock, LiveBot Bot, CareBook Book, CareBook.Rep Rep, CareBook.Person Li) : IAsyncDisposable
    {
        public static async Task<OneCustomer> StartAsync(DateTimeOffset at, params (string Key, string Value)[] settings)
        {
            var clock = new FakeTimeProvider(at);
            var bot = await LiveBot.StartAsync(clock, settings);
            var book = new CareBook(bot.ConnectionString);
            var rep = await book.AddRepAsync("张伟");
            var li = await book.AddContactAsync(rep, "星辰网络", "李明", "总经理");
            await ExistingContactsAsync(bot, rep, li);
            return new OneCustomer(clock, bot, book, rep, li);
        }

        public ValueTask DisposeAsync() => Bot.DisposeAsync();
    }

    private static async Task ExistingContactsAsync(LiveBot bot, CareBook.Rep rep, params CareBook.Person[] people) =>
        (await bot.Emulator.PostAsync("control/contacts/existing", System.Net.Http.Json.JsonContent.Create(
            new ExistingContactsRequest(rep.UserId, [.. people.Select(p => new ExistingContact(p.ExternalUserId, p.Name))]), options: EmulatorJson.Control)))
        .EnsureSuccessStatusCode();

    [Fact]
    public async Task GreetingRun_SpringFestivalMorning_GreetsOnlyConsentedReachableContactsOnceAndTellsTheRepOnce()
    {
        var clock = new FakeTimeProvider(SpringFestivalMorning);
        await using var bot = await LiveBot.StartAsync(clock);
        var book = new CareBook(bot.ConnectionString);
        var rep = await book.AddRepAsync("张伟");
        var li = await book.AddContactAsync(rep, "星辰网络", "李明", "总经理", orderedOn: new DateOnly(2024, 1, 10));
        await book.AddContactAsync(rep, "金桥", "赵强", "经理", customerOptedOut: true);
        await book.AddContactAsync(rep, "海川", "王芳", "主任", contactOptedOut: true);
        await book.AddContactAsync(rep, "远航", "陈刚", "工程师", consent: false);
        await book.AddContactAsync(rep, "天元", "孙丽", "校长", wecom: false);
        await ExistingContactsAsync(bot, rep, li);
        var run = bot.Services.GetRequiredService<CareGreetingRun>();

        var summary = await run.RunAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(new CareGreetingSummary(false, 1, 0, 1), summary);
        var greeting = Assert.Single(await book.OutboxAsync(CareMessages.GroupSendKind));
        Assert.Equal($"care:spring-festival:{li.ContactId}:2027", greeting.IdempotencyKey);
        var body = JsonNode.Parse(greeting.Payload)!;
        Assert.Equal(rep.UserId, body["sender"]!.GetValue<string>());
        Assert.Equal(li.ExternalUserId, body["external_userid"]![0]!.GetValue<string>());
        var text = body["text"]!["content"]!.GetValue<string>();
        Assert.Equal("李总，新春快乐！感谢3年来对我们的信任与支持。祝您和家人新的一年身体健康、阖家幸福，星辰网络生意兴隆！——张伟", text);

        var sent = Assert.Single(await GroupSendsAsync(bot, rep.UserId, 1));
        Assert.Equal(text, sent.Text);
        Assert.False(sent.Confirmed);
        var note = Assert.Single(await bot.MessagesToAsync(rep.UserId, 1));
        Assert.Contains("春节祝福 1 位", note.Content, StringComparison.Ordinal);
        Assert.Contains("群发助手", note.Content, StringComparison.Ordinal);

        Assert.Equal(new CareGreetingSummary(false, 0, 0, 0), await run.RunAsync(clock.GetUtcNow().AddHours(2), CancellationToken.None));
        Assert.Equal(2, (await book.OutboxAsync()).Count);
    }

    [Fact]
    public async Task GreetingRun_QuietHours_QueuesNothingAndTheDispatcherHoldsAGreetingUntil8()
    {
        var evening = new DateTimeOffset(2027, 2, 6, 21, 30, 0, TimeSpan.FromHours(8));
        await using var one = await OneCustomer.StartAsync(evening);
        var (clock, bot, book, rep, li) = one;

        var summary = await bot.Services.GetRequiredService<CareGreetingRun>().RunAsync(evening, CancellationToken.None);

        Assert.True(summary.WindowClosed);
        Assert.Empty(await book.OutboxAsync());

        // A greeting that is already queued (planned at 20:59, say) waits for the morning.
        var candidate = new CareCandidate(li.ContactId, li.CustomerId, rep.Id, rep.UserId, rep.Name, li.ExternalUserId, li.Name, "总经理", "星辰网络", null, null, null);
        var plan = new PlannedCare(candidate, CareOccasion.SpringFestival, new DateOnly(2027, 2, 6), "care:late", "李总，新春快乐！");
        await bot.Services.GetRequiredService<Bot.Data.Messaging.OutboxStore>().EnqueueAsync([CareMessages.GroupSend(plan)], CancellationToken.None);
        var morning = new DateTimeOffset(2027, 2, 7, 8, 0, 0, TimeSpan.FromHours(8));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        CareBook.OutboxItem row;
        do
        {
            row = Assert.Single(await book.OutboxAsync());
            await Task.Delay(50);
        }
        while (row.NextAttemptAt != morning.UtcDateTime && DateTime.UtcNow < deadline);
        Assert.Equal(("pending", morning.UtcDateTime), (row.Status, row.NextAttemptAt));
        Assert.Empty(await bot.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={rep.UserId}"));
    }

    [Fact]
    public async Task GreetingRun_OnePerDayQuotaWithBirthdayAndPostSaleTheSameDay_PostSaleYields()
    {
        var day = new DateTimeOffset(2027, 3, 9, 9, 0, 0, TimeSpan.FromHours(8));
        var clock = new FakeTimeProvider(day);
        await using var bot = await LiveBot.StartAsync(clock, ("Care:Quota", "OnePerDay"));
        var book = new CareBook(bot.ConnectionString);
        var rep = await book.AddRepAsync("王芳");
        var zhao = await book.AddContactAsync(rep, "金禾", "赵强", "总监", birthday: (3, 9), orderedOn: new DateOnly(2027, 3, 2));
        var qian = await book.AddContactAsync(rep, "海川", "钱进", "经理", orderedOn: new DateOnly(2027, 3, 2));

        var summary = await bot.Services.GetRequiredService<CareGreetingRun>().RunAsync(day, CancellationToken.None);

        Assert.Equal((1 + 1, 1), (summary.Queued, summary.Yielded));
        Assert.Equal(
            [($"care:birthday:{zhao.ContactId}:2027", "planned"), ($"care:post-sale:{zhao.ContactId}:2027-03-09", "yielded"), ($"care:post-sale:{qian.ContactId}:2027-03-09", "planned")],
            (await book.TasksAsync()).OrderBy(t => t.Key.Contains("post-sale", StringComparison.Ordinal)).ThenBy(t => t.Key));
        var greetings = await book.OutboxAsync(CareMessages.GroupSendKind);
        Assert.Equal(2, greetings.Count);
        Assert.Contains("赵总，生日快乐！", greetings.Single(g => g.Recipient == zhao.ExternalUserId).Payload, StringComparison.Ordinal);
        Assert.Contains("钱经理，您好！前几天的订单用得还顺利吗？", greetings.Single(g => g.Recipient == qian.ExternalUserId).Payload, StringComparison.Ordinal);
        var note = Assert.Single(await bot.MessagesToAsync(rep.UserId, 1));
        Assert.Contains("生日祝福 1 位、售后回访 1 位", note.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultRun_UnconfirmedGreeting_RemindsTheRepTwiceThenStopsAndCountsTheConfirmation()
    {
        await using var one = await OneCustomer.StartAsync(SpringFestivalMorning);
        var (clock, bot, book, rep, li) = one;
        await bot.Services.GetRequiredService<CareGreetingRun>().RunAsync(clock.GetUtcNow(), CancellationToken.None);
        var task = Assert.Single(await GroupSendsAsync(bot, rep.UserId, 1));
        await AllDispatchedAsync(book);
        await bot.MessagesToAsync(rep.UserId, 1);
        var results = bot.Services.GetRequiredService<CareResultRun>();

        var first = await results.RunAsync(clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(new CareResultSummary(0, 0, 1, 0, 0), first);
        Assert.Equal(task.MsgId, await book.ScalarAsync<string>("select msgid from care_tasks"));

        var reminders = new List<int>();
        foreach (var hours in new[] { 1, 3, 6, 9 })
        {
            clock.SetUtcNow(SpringFestivalMorning.AddHours(hours));
            reminders.Add((await results.RunAsync(clock.GetUtcNow(), CancellationToken.None)).RepsReminded);
        }
        Assert.Equal([0, 1, 1, 0], reminders);
        var messages = await bot.MessagesToAsync(rep.UserId, 3);
        Assert.Equal(3, messages.Count);
        var reminderTexts = messages.Select(m => m.Content ?? "").Where(c => c.Contains("还有 1 条客户关怀在等你确认（春节祝福 1 位）", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reminderTexts.Count);
        Assert.Single(reminderTexts, c => c.StartsWith("最后提醒一次：", StringComparison.Ordinal));
        var reports = bot.Services.GetRequiredService<ICareReports>();
        var festival = new DateOnly(2027, 2, 6);
        Assert.Equal(new CareConfirmation(0, 1, 0), await reports.ConfirmationRateAsync([rep.Id], festival, festival, CancellationToken.None));

        await bot.ControlAsync<List<GroupMessageTask>>("group-messages/confirm-all", new ConfirmGroupMessageRequest(rep.UserId));
        var last = await results.RunAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(new CareResultSummary(1, 0, 0, 0, 0), last);
        Assert.Single(await bot.ControlAsync<List<CustomerDelivery>>($"customers/{li.ExternalUserId}/deliveries"));
        var confirmation = await reports.ConfirmationRateAsync([rep.Id], festival, festival, CancellationToken.None);
        Assert.Equal((1, 1.0), (confirmation.Confirmed, confirmation.Rate));
    }

    [Fact]
    public async Task ResultRun_WeComQuotaUsedByTheFirstOfTwoGreetings_SecondRecordedAsFailedWithStatus3()
    {
        var clock = new FakeTimeProvider(SpringFestivalMorning);
        await using var bot = await LiveBot.StartAsync(clock, ("WeCom:Emulator:GroupSendsPerCustomerPerMonth", "1"));
        var book = new CareBook(bot.ConnectionString);
        var rep = await book.AddRepAsync("张伟");
        var li = await book.AddContactAsync(rep, "星辰网络", "李明", "总经理", birthday: (2, 6));
        await ExistingContactsAsync(bot, rep, li);
        await bot.Services.GetRequiredService<CareGreetingRun>().RunAsync(clock.GetUtcNow(), CancellationToken.None);
        await GroupSendsAsync(bot, rep.UserId, 2);
        await AllDispatchedAsync(book);
        await bot.ControlAsync<List<GroupMessageTask>>("group-messages/confirm-all", new ConfirmGroupMessageRequest(rep.UserId));

        var summary = await bot.Services.GetRequiredService<CareResultRun>().RunAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal((1, 1), (summary.Sent, summary.Failed));
        Assert.Equal([1, 3], (await book.ScalarListAsync<short>("select send_status from care_tasks order by send_status")).Select(s => (int)s));
        var confirmation = await bot.Services.GetRequiredService<ICareReports>().ConfirmationRateAsync([rep.Id], new DateOnly(2027, 2, 6), new DateOnly(2027, 2, 6), CancellationToken.None);
        Assert.Equal(new CareConfirmation(2, 0, 0), confirmation);
    }

    [Fact]
    public async Task ResultRun_NobodyConfirmsWithinTrackDays_WrittenOffAsUnconfirmed()
    {
        await using var one = await OneCustomer.StartAsync(SpringFestivalMorning, ("Care:MaxReminders", "0"));
        var (clock, bot, book, rep, li) = one;
        await bot.Services.GetRequiredService<CareGreetingRun>().RunAsync(clock.GetUtcNow(), CancellationToken.None);
        await GroupSendsAsync(bot, rep.UserId, 1);
        await AllDispatchedAsync(book);
        var results = bot.Services.GetRequiredService<CareResultRun>();
        await results.RunAsync(clock.GetUtcNow(), CancellationToken.None);

        clock.SetUtcNow(SpringFestivalMorning.AddDays(3).AddMinutes(1));
        var summary = await results.RunAsync(clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(1, summary.Expired);
        Assert.Equal("unconfirmed", (await book.TasksAsync()).Single().Status);
        var confirmation = await bot.Services.GetRequiredService<ICareReports>().ConfirmationRateAsync([rep.Id], new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 28), CancellationToken.None);
        Assert.Equal((0, 0.0), (confirmation.Confirmed, confirmation.Rate));
    }

    [Fact]
    public async Task Dispatcher_GreetingAlreadyInWeComBeforeACrash_RecordsItsMsgIdInsteadOfSendingAgain()
    {
        await using var one = await OneCustomer.StartAsync(SpringFestivalMorning);
        var (clock, bot, book, rep, li) = one;
        var candidate = new CareCandidate(li.ContactId, li.CustomerId, rep.Id, rep.UserId, rep.Name, li.ExternalUserId, li.Name, "总经理", "星辰网络", null, null, null);
        var message = CareMessages.GroupSend(new PlannedCare(candidate, CareOccasion.SpringFestival, new DateOnly(2027, 2, 6), "care:crashed", "李总，新春快乐！——张伟"));
        // The host that claimed the row got WeCom's answer and died before marking it sent; its lease has run out.
        var accepted = await bot.Services.GetRequiredService<Bot.Host.WeCom.Client.WeComApiClient>()
            .PostAsync("externalcontact/add_msg_template", JsonNode.Parse(message.Payload)!.AsObject(), CancellationToken.None);
        await using (var connection = new Npgsql.NpgsqlConnection(bot.ConnectionString))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                insert into outbox (idempotency_key, channel, recipient, kind, payload, status, attempts, claimed_until)
                values (@IdempotencyKey, @Channel, @Recipient, @Kind, @Payload::jsonb, 'sending', 1, now() - interval '1 minute')
                """, message);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        CareBook.OutboxItem row;
        do
        {
            row = Assert.Single(await book.OutboxAsync());
            await Task.Delay(50);
        }
        while (row.Status != "sent" && DateTime.UtcNow < deadline);

        Assert.Equal(("sent", accepted.Body["msgid"]!.GetValue<string>()), (row.Status, row.WecomMsgid));
        Assert.Single(await bot.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={rep.UserId}"));
    }

    [Fact]
    public async Task Consent_CustomerAddsTheRepOnWeComOrIsImported_IsRecordedWithItsSource()
    {
        await using var bot = await LiveBot.StartAsync();
        var book = new CareBook(bot.ConnectionString);
        var rep = await book.AddRepAsync("张伟");

        await bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest(rep.UserId, "周敏", CorpName: "蓝海科技"));
        var csv = System.Text.Encoding.UTF8.GetBytes($"name,owner,contact,title\n金桥贸易,{rep.UserId},吴涛,经理\n");
        await bot.Services.GetRequiredService<CustomerImporter>().ImportAsync(csv, CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await book.ScalarAsync<long>("select count(*) from contacts where care_consent_at is not null") < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal("wecom", await book.ScalarAsync<string>("select care_consent_source from contacts where name = '周敏'"));
        Assert.Equal("import", await book.ScalarAsync<string>("select care_consent_source from contacts where name = '吴涛'"));
    }
}
