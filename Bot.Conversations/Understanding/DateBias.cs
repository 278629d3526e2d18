namespace Bot.Conversations.Understanding;

/// <summary>
/// Which way an expression without a full date leans. A follow-up ("周三再跟进") means the next Wednesday;
/// a visit log ("周三拜访了") means the last one.
/// </summary>
public enum DateBias
{
    Future,
    Past,
}
