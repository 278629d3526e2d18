namespace Bot.Conversations.Dialogs;

/// <summary>Whether an intent needs exactly one customer; the engine asks for it first when it does.</summary>
public enum CustomerNeed
{
    None,
    Optional,
    Required,
}
