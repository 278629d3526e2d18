using Bot.Conversations.Customers;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Team;

namespace Bot.Conversations.Understanding;

/// <summary>What the bot would do with a message, for that user at that time (the `action` of `scripts/bot parse`).</summary>
public enum UnderstandingAction
{
    /// <summary>Nothing: not understood, or refused (a colleague's customer, an admin-only request).</summary>
    None,

    /// <summary>Answer from what is stored (or from the playbook); nothing changes.</summary>
    Read,

    /// <summary>Ask back first: which customer, or who it is about.</summary>
    Ask,

    /// <summary>Change stored data only after a one-line confirmation.</summary>
    Confirm,

    /// <summary>Change stored data at once (it can be undone).</summary>
    Write,
}

/// <summary>
/// Reading never writes; a write happens at once only when the reading is sure (no <see cref="Doubts"/>) and about
/// a customer in the user's scope; anything in between is confirmed first.
/// </summary>
public static class ActionPolicy
{
    public static UnderstandingAction Decide(ParsedMessage parsed, UserScope scope)
    {
        if (IntentCatalogue.Of(parsed.Intent) is not { } spec)
            return UnderstandingAction.None;
        if (spec.AdminOnlyRefusal is not null && scope.User.Role != UserRole.Admin)
            return UnderstandingAction.None;
        switch (parsed.Customer)
        {
            case CustomerResolution.OutOfScope when spec.Customer != CustomerNeed.None:
                return UnderstandingAction.None;
            case CustomerResolution.Ambiguous when spec.Customer != CustomerNeed.None:
            case CustomerResolution.NotMentioned when spec.Customer == CustomerNeed.Required:
                return UnderstandingAction.Ask;
        }
        if (!spec.Writes)
            return UnderstandingAction.Read;
        return parsed.Doubts == Doubts.None && !spec.AlwaysConfirms ? UnderstandingAction.Write : UnderstandingAction.Confirm;
    }

    public static string Code(this UnderstandingAction action) => action.ToString().ToLowerInvariant();
}
