namespace Bot.Conversations.Pipeline;

/// <summary>A notice from a scheduled job, with the idempotency key that makes queueing it a second time a no-op.</summary>
public sealed record KeyedNotice(string Key, Notice Notice);
