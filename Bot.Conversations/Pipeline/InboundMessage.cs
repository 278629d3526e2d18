namespace Bot.Conversations.Pipeline;

/// <param name="TraceParent">The W3C traceparent of the callback that stored it, to continue its trace; null without tracing.</param>
public sealed record InboundMessage(
    long Id, string Channel, string MessageKey, string FromUser, string MsgType, string Payload, int Attempts, DateTime ReceivedAt, string? TraceParent);
