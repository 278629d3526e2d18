namespace Bot.Conversations.Pipeline;

/// <summary>
/// What the AI bot shows for a stream: the answer so far, whether it is complete, and the pictures (PNG or JPG bytes)
/// shown under the complete answer.
/// </summary>
public sealed record StreamReply(string Content, bool Finished, IReadOnlyList<byte[]>? Images = null);
