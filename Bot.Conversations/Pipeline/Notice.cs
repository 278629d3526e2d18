namespace Bot.Conversations.Pipeline;

/// <summary>Something the bot says first, to a member who did not just write to it.</summary>
public sealed record Notice(string ToUserId, Reply Reply);
