using System.Globalization;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding.Model;

namespace Bot.Conversations.Understanding.Evaluation;

/// <summary>Runs labelled messages through the understanding and scores them (tests, `scripts/bot eval`, `scripts/train`).</summary>
public static class UnderstandingEvaluation
{
    /// <summary>The parse report as text, in the spelling <see cref="LabelledMessage.Canonical"/> gives the labels.</summary>
    public static Dictionary<string, string?> Actual(ParsedMessage parsed, CustomerDirectory.View view, UserScope scope) =>
        ParseReport.Of(parsed, view, scope).ToDictionary(kv => kv.Key, kv => kv.Value switch
        {
            null => null,
            string[] list => string.Join(",", list),
            decimal amount => amount.ToString("0.##", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            _ => Convert.ToString(kv.Value, CultureInfo.InvariantCulture),
        });

    public static Scorecard Score(IEnumerable<LabelledMessage> messages, Func<LabelledMessage, (CustomerDirectory.View View, UserScope? Scope)> books, UnderstandingModel? model = null)
    {
        var card = new Scorecard();
        foreach (var message in messages)
        {
            var (view, scope) = books(message);
            if (scope is null)
                throw new InvalidOperationException($"user {message.User} is not in book {message.Book}");
            card.Add(message, Actual(MessageParser.Parse(message.Text, scope, message.Now, view, model: model), view, scope));
        }
        return card;
    }

    /// <summary>
    /// The same through the production path with the model: the rules first, and where they are unsure
    /// (<see cref="Assistant.Confidence.IsLow"/>) the assistant's validated reading in their place.
    /// </summary>
    public static async Task<Scorecard> ScoreAsync(
        IEnumerable<LabelledMessage> messages, Func<LabelledMessage, (CustomerDirectory.View View, UserScope? Scope)> books,
        Assistant.IUnderstandingAssistant assistant, Action<TimeSpan, bool> asked, CancellationToken ct)
    {
        var card = new Scorecard();
        foreach (var message in messages)
        {
            var (view, scope) = books(message);
            if (scope is null)
                throw new InvalidOperationException($"user {message.User} is not in book {message.Book}");
            var parsed = MessageParser.Parse(message.Text, scope, message.Now, view);
            if (Assistant.Confidence.IsLow(parsed))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var reading = await assistant.ReconsiderAsync(message.Text, parsed, scope, message.Now, view, ct);
                asked(System.Diagnostics.Stopwatch.GetElapsedTime(started), reading is not null);
                parsed = reading ?? parsed;
            }
            card.Add(message, Actual(parsed, view, scope));
        }
        return card;
    }

    public static Scorecard Score(IEnumerable<LabelledMessage> messages, UnderstandingCorpus corpus, UnderstandingModel? model = null) =>
        Score(messages, m => (corpus.Book(m.Book).View, corpus.Book(m.Book).ScopeOf(m.User)), model);
}

