using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// One user message to the AI bot and everything that followed: the first callback, each stream-refresh
/// callback, the bot's decrypted replies, and the final cumulative content (stream, text or markdown).
/// <see cref="Finished"/> is false when the stream never said finish:true before the deadline.
/// </summary>
public sealed record AiBotExchange(
    string MsgId,
    IReadOnlyList<CallbackDelivery> Deliveries,
    IReadOnlyList<JsonElement> Replies,
    string? StreamId,
    string? FinalContent,
    bool Finished,
    string? Error);
