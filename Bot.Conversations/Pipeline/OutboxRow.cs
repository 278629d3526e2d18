namespace Bot.Conversations.Pipeline;

/// <summary>One outbox row as a dispatcher claimed it.</summary>
public sealed record OutboxRow(
    long Id, string IdempotencyKey, string Channel, string Recipient, string Kind, string Payload, string Status,
    int Attempts, DateTime NextAttemptAt, string? LastError, string? WecomMsgid, DateTime CreatedAt, DateTime? SentAt, string? TraceParent);
