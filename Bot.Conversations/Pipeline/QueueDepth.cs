namespace Bot.Conversations.Pipeline;

/// <summary>How much work is waiting, in one cheap statement over the partial indexes on unfinished rows.</summary>
public sealed record QueueDepth(long InboundBacklog, double InboundOldestAgeSeconds, long OutboxWaiting, long OutboxParked);
