namespace Bot.Conversations.Pipeline;

/// <summary>What the AI bot shows for a stream: the answer so far, and whether it is complete.</summary>
public sealed record StreamReply(string Content, bool Finished);
