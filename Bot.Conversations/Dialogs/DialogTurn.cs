using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Dialogs;

/// <summary>One message on its way through the engine: who sent it, what they may see, and their dialog state.</summary>
/// <param name="Text">The message's text, normalised once for every step that matches words against it.</param>
public sealed record DialogTurn(IncomingMessage Message, string Text, SalesUser User, UserScope Scope, DialogSession Dialog, DateTimeOffset Now);
