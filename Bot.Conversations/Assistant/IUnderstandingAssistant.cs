using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Assistant;

/// <summary>A second reading of a message the rules were not sure of (see <see cref="Confidence"/>).</summary>
public interface IUnderstandingAssistant
{
    /// <summary>A validated reading that replaces the rules' one, or null: the rules' reading stands.</summary>
    Task<ParsedMessage?> ReconsiderAsync(string raw, ParsedMessage byRules, UserScope scope, DateTimeOffset now, CustomerDirectory.View view, CancellationToken ct);
}

/// <summary>No model configured: the rules' reading always stands.</summary>
public sealed class RulesOnlyUnderstanding : IUnderstandingAssistant
{
    public Task<ParsedMessage?> ReconsiderAsync(string raw, ParsedMessage byRules, UserScope scope, DateTimeOffset now, CustomerDirectory.View view, CancellationToken ct) =>
        Task.FromResult<ParsedMessage?>(null);
}
