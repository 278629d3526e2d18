namespace Bot.Conversations.Pipeline;

public interface IConversationEngine
{
    /// <summary>
    /// Handles one message and returns what to answer. Called at least once per message: after a crash
    /// the same <see cref="IncomingMessage.InboundId"/> may come again, so writes must be keyed by it.
    /// </summary>
    Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken ct);
}
