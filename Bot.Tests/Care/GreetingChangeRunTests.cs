using System.Text.Json.Nodes;
using Bot.Conversations.Care;
using Bot.Conversations.Team;
using Bot.Host.Care;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.Care;

/// <summary>
/// The reps' changes and the morning run share one path: the preview shows what the run then does, a skipped
/// greeting is not queued and takes no quota, a rewritten one goes out with the rep's text, and a greeting already
/// queued takes no change.
/// </summary>
public sealed class GreetingChangeRunTests : IAsyncLifetime
{
    private static readonly DateOnly SpringFestival = new(2027, 2, 6);
    private static readonly DateTimeOffset EarlyMorning = new(2027, 2, 6, 7, 30, 0, TimeSpan.FromHours(8));
    private const string Rewritten = "赵总，过年好！今年多亏您关照，给您和家人拜个早年。——张伟";

    private readonly FakeTimeProvider _clock = new(EarlyMorning);
    private LiveBot _bot = null!;
    private CareBook _book = null!;
    private CareBook.Rep _rep = null!;
    private CareBook.Person _li = null!;
    private CareBook.Person _zhao = null!;
    private CareBook.Person _wang = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartAsync(_clock);
        _book = new CareBook(_bot.ConnectionString);
        _rep = await _book.AddRepAsync("张伟");
        _li = await _book.AddContactAsync(_rep, "星辰网络", "李明", "总经理");
        _zhao = await _book.AddContactAsync(_rep, "金禾", "赵强", "总经理");
        _wang = await _book.AddContactAsync(_rep, "海川", "王芳", "主任");
        (await _bot.Emulator.PostAsync("control/contacts/existing", System.Net.Http.Json.JsonContent.Create(
            new ExistingContactsRequest(_rep.UserId, [.. new[] { _li, _zhao, _wang }.Select(p => new ExistingContact(p.ExternalUserId, p.Name))]),
            options: EmulatorJson.Control))).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private T Get<T>() where T : notnull => _bot.Services.GetRequiredService<T>();

    private Task<IReadOnlyList<GreetingAhead>> PreviewAsync() =>
        Get<CarePreview>().BetweenAsync(new UserScope(new SalesUser(_rep.Id, _rep.UserId, _rep.Name, UserRole.Rep, null, true), new HashSet<long> { _rep.Id }),
            null, SpringFestival, SpringFestival.AddDays(1), CancellationToken.None);

    /// <summary>The morning run at 09:00, the clock with it (the dispatcher holds greetings before 08:00).</summary>
    private Task<CareGreetingSummary> RunAtNineAsync()
    {
        _clock.SetUtcNow(EarlyMorning.AddHours(1.5));
        return Get<CareGreetingRun>().RunAsync(_clock.GetUtcNow(), CancellationToken.None);
    }

    private static GreetingChange Change(CareBook.Person person, string? text) =>
        new(CarePlanner.Key(CareOccasion.SpringFestival, person.ContactId, SpringFestival), person.ContactId, person.CustomerId, CareOccasion.SpringFestival,
            SpringFestival, text, null, EarlyMorning);

    [Fact]
    public async Task GreetingRun_OneSkippedOneRewritten_QueuesWhatThePreviewShowed()
    {
        var changes = Get<IGreetingChanges>();
        Assert.True(await changes.SaveAsync(Change(_li, null), CancellationToken.None));
        Assert.True(await changes.SaveAsync(Change(_zhao, Rewritten), CancellationToken.None));

        var preview = (await PreviewAsync()).ToDictionary(g => g.Candidate.ContactId);
        Assert.True(preview[_li.ContactId].Change?.Skips);
        Assert.Null(preview[_li.ContactId].Plan);
        Assert.Equal(Rewritten, preview[_zhao.ContactId].Plan?.Text);
        Assert.StartsWith("王主任，新春快乐！", preview[_wang.ContactId].Plan?.Text, StringComparison.Ordinal);

        var summary = await RunAtNineAsync();

        Assert.Equal(new CareGreetingSummary(false, 2, 0, 1, 1), summary);
        var queued = (await _book.OutboxAsync(CareMessages.GroupSendKind))
            .ToDictionary(r => r.Recipient, r => JsonNode.Parse(r.Payload)!["text"]!["content"]!.GetValue<string>());
        Assert.Equal(2, queued.Count);
        Assert.Equal(Rewritten, queued[_zhao.ExternalUserId]);
        Assert.Equal(preview[_wang.ContactId].Plan?.Text, queued[_wang.ExternalUserId]);
        Assert.DoesNotContain(await _book.TasksAsync(), t => t.Key.Contains($":{_li.ContactId}:", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<GroupMessageTask> inWeCom;
        while ((inWeCom = await _bot.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={_rep.UserId}")).Count < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(queued.Values.Order(StringComparer.Ordinal), inWeCom.Select(t => t.Text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Changes_AfterTheRunQueuedTheGreeting_AreRefused_AndThePreviewSaysWhereItIs()
    {
        await RunAtNineAsync();

        Assert.False(await Get<IGreetingChanges>().SaveAsync(Change(_zhao, null), CancellationToken.None));

        var zhao = (await PreviewAsync()).Single(g => g.Candidate.ContactId == _zhao.ContactId);
        Assert.Equal(CareTaskStatus.Planned, zhao.Stored);
        Assert.Null(zhao.Change);
        Assert.Equal(3, (await _book.OutboxAsync(CareMessages.GroupSendKind)).Count);
    }

    [Fact]
    public async Task GreetingRun_SkipUndone_IsQueuedAgainWithTheTemplate()
    {
        var skip = Change(_li, null);
        var changes = Get<IGreetingChanges>();
        await changes.SaveAsync(skip, CancellationToken.None);

        await new GreetingChanged(skip.Key, Previous: null).TakeBackAsync(Get<Bot.Conversations.Dialogs.WriteStores>(), CancellationToken.None);
        var summary = await RunAtNineAsync();

        Assert.Equal((3, 0), (summary.Queued, summary.Skipped));
        Assert.Contains(await _book.OutboxAsync(CareMessages.GroupSendKind), r => r.Recipient == _li.ExternalUserId && r.Payload.Contains("李总，新春快乐！", StringComparison.Ordinal));
    }
}
