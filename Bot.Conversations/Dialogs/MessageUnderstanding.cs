using Bot.Conversations.Assistant;
using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// A new message read: the classifiers first; the optional model reads only what they were unsure of, and its
/// reading is validated against the user's own customers before it replaces theirs.
/// </summary>
public sealed class MessageUnderstanding(MessageParser parser, CustomerDirectory directory, IUnderstandingAssistant assistant, ConversationMetrics metrics)
{
    public async Task<ParsedMessage> ReadAsync(DialogTurn turn, CancellationToken ct)
    {
        var parsed = await parser.ParseAsync(turn.Message.Text, turn.Scope, turn.Now, ct);
        if (!Confidence.IsLow(parsed)
            || await assistant.ReconsiderAsync(turn.Message.Text, parsed, turn.Scope, turn.Now, await directory.GetAsync(ct), ct) is not { } reading)
            return parsed;
        metrics.Decided("model");
        return reading;
    }
}
