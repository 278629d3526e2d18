namespace Bot.Conversations.Pipeline;

/// <summary>
/// One message as the outbox keeps it until it is sent: the channel renders it (<paramref name="Kind"/> picks the API,
/// <paramref name="Payload"/> is its JSON body), the idempotency key makes a second enqueue of the same message a no-op.
/// </summary>
public sealed record OutgoingMessage(string IdempotencyKey, string Channel, string Recipient, string Kind, string Payload);
