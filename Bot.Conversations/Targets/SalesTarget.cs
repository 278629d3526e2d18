namespace Bot.Conversations.Targets;

public enum TargetScope
{
    /// <summary>What one person is to sign.</summary>
    Personal,

    /// <summary>What the team a manager leads (or, for an admin, the whole company) is to sign together.</summary>
    Team,
}

/// <summary>A sales target: who, for the team or themselves, for which month or quarter, how much (yuan), set by whom when.</summary>
public sealed record SalesTarget(long UserId, TargetScope Scope, TargetPeriod Period, decimal Amount, long? SetBy, DateTimeOffset SetAt);
