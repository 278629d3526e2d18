using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>One message being handled: who sent it, what they may see, what it says, and their dialog state.</summary>
public sealed record ConversationContext(
    IncomingMessage Message, SalesUser User, UserScope Scope, ParsedMessage Parsed, DialogSession Dialog, DateTimeOffset Now)
{
    public DateOnly Today => Common.ChinaTime.DateOf(Now);

    /// <summary>The customer the message resolved to; handlers that need one are only called when there is one.</summary>
    public long CustomerId => Parsed.Customer is Customers.CustomerResolution.Resolved r ? r.CustomerId : throw new InvalidOperationException("no customer resolved");

    public long? ContactId => Parsed.Customer is Customers.CustomerResolution.Resolved r ? r.ContactId : null;

    /// <summary>The stored message this one is, for the records written from it; none when nothing was stored (a dry run).</summary>
    public long? InboundMessageId => Message.InboundId > 0 ? Message.InboundId : null;

    /// <summary>Keeps the write for 撤销 and corrections: what it said, what takes it back, and the message it came from (as written).</summary>
    public Task RememberWriteAsync(string summary, long customerId, IReadOnlyList<UndoRecord> undo, CancellationToken ct) =>
        Dialog.RememberWriteAsync(new LastWrite(summary, customerId, undo, Message.Text, Parsed.Intent, Message.InboundId, Now), ct);
}
