using System.Security.Cryptography;
using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>An active reply the bot posted to a response_url.</summary>
public sealed record AiBotActiveReply(long Id, string MsgId, string UserId, string? ChatId, JsonElement Body, DateTimeOffset Time);

/// <summary>The AI bot's response_urls: each valid for one hour and usable once (doc 101138).</summary>
public sealed class AiBotReplyStore(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string MsgId, string UserId, string? ChatId, DateTimeOffset Issued, bool Used)> _codes = [];
    private readonly List<AiBotActiveReply> _replies = [];
    private long _nextId;

    public string Issue(string msgId, string userId, string? chatId)
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        lock (_lock)
            _codes[code] = (msgId, userId, chatId, time.GetUtcNow(), false);
        return code;
    }

    /// <returns>The stored reply, or null when the code is unknown, used or expired.</returns>
    public AiBotActiveReply? Use(string code, JsonElement body)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_codes.TryGetValue(code, out var entry) || entry.Used || now - entry.Issued > Lifetime)
                return null;
            _codes[code] = entry with { Used = true };
            var reply = new AiBotActiveReply(++_nextId, entry.MsgId, entry.UserId, entry.ChatId, body, now);
            _replies.Add(reply);
            return reply;
        }
    }

    public IReadOnlyList<AiBotActiveReply> Replies(long sinceId = 0)
    {
        lock (_lock)
            return [.. _replies.Where(r => r.Id > sinceId)];
    }

    public void Reset()
    {
        lock (_lock)
        {
            _codes.Clear();
            _replies.Clear();
        }
    }
}
