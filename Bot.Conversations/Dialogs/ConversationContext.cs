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
}

public interface IIntentHandler
{
    Intent Intent { get; }

    /// <summary>Whether the handler needs exactly one customer; the engine asks for it first when it does.</summary>
    CustomerNeed Needs { get; }

    Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct);
}

public enum CustomerNeed
{
    None,
    Optional,
    Required,
}

/// <summary>A handler only admins may use: anyone else gets its refusal before any customer is looked up.</summary>
public interface IAdminOnly
{
    string Refusal { get; }
}
