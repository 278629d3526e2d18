using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Dialogs;

/// <summary>Answers one intent (which one, and what it needs, is declared in <see cref="Understanding.IntentCatalogue"/>).</summary>
public interface IIntentHandler
{
    Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct);
}
