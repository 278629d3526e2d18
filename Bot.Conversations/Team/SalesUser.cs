namespace Bot.Conversations.Team;

/// <summary>A WeCom member who talks to the bot: a rep, a manager or an admin.</summary>
public sealed record SalesUser(long Id, string WeComUserId, string Name, UserRole Role, long? ManagerId, bool Active);
