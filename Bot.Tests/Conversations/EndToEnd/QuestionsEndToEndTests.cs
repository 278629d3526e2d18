using Bot.Conversations.Understanding;
using Bot.Tests.Conversations.Understanding;
using Bot.Tests.Fixtures;
using Xunit.Abstractions;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Every question in the labelled sets that was written against the demo company (reps' and managers' questions,
/// team names that are also contacts' names among them) sent through the WeCom emulator to the live bot: the bot
/// answers each, and no table holding the company's data changes.
/// </summary>
public sealed class QuestionsEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LiveBot _bot = null!;

    // Hundreds of answers to the same few members in a minute: lift our own and the emulator's per-member minute limits.
    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync(
        ("WeCom:Outbox:PerRecipientPerMinute", "100000"), ("WeCom:Emulator:PerRecipientPerMinute", "100000"), ("WeCom:Emulator:PerRecipientPerHour", "100000"));

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task EveryQuestion_Answered_NoTableChanges()
    {
        var corpus = LabelledSetTests.Corpus;
        var questions = new[] { corpus.Tuned, corpus.HeldOut, corpus.Dev, corpus.Frozen }.SelectMany(set => set)
            .Where(m => m.Book == "demo" && !IntentCatalogue.FromCode(m.Intent).Writes() && m.Intent != IntentCatalogue.UnknownCode)
            .ToList();
        Assert.True(questions.Count >= 300, $"only {questions.Count} questions");
        var before = await TableSnapshot.TakeAsync(_bot.ConnectionString);
        // Each member asks in order (their dialog state carries over, as in a real chat); the members ask side by side.
        await Task.WhenAll(questions.GroupBy(q => q.User).Select(async asked =>
        {
            foreach (var question in asked)
            {
                var seen = (await _bot.MessagesToAsync(question.User, 0)).Count;
                var reply = await _bot.SayAsync(question.User, question.Text, seen + 1);
                Assert.False(string.IsNullOrWhiteSpace(LiveBot.TextOf(reply)), question.Text);
                await _bot.SettledAsync(question.User);
            }
        }));

        var differences = TableSnapshot.Differences(before, await TableSnapshot.TakeAsync(_bot.ConnectionString));
        foreach (var difference in differences)
            output.WriteLine(difference);
        output.WriteLine($"{questions.Count} questions, no table changed: {differences.Count == 0}");
        Assert.Empty(differences);
    }
}
