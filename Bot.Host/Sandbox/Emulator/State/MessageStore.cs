using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// App messages the bot sent: what was delivered, what WeCom silently dropped for the per-recipient limit
/// (30 a minute, 1000 an hour), the one-shot response codes of interactive cards, and card updates.
/// </summary>
public sealed class MessageStore(IOptions<WeComEmulatorOptions> options, TimeProvider time)
{
    /// <summary>WeCom documents 72 h for a response_code (older text: 24 h).</summary>
    private static readonly TimeSpan ResponseCodeLifetime = TimeSpan.FromHours(72);

    private readonly Lock _lock = new();
    private readonly List<CapturedMessage> _messages = [];
    private readonly List<CardUpdate> _updates = [];
    private readonly Dictionary<string, Queue<DateTimeOffset>> _deliveries = [];
    private readonly Dictionary<string, (string? TaskId, DateTimeOffset Expires, bool Used)> _responseCodes = [];
    private readonly HashSet<string> _taskIds = [];
    private long _nextId;

    /// <returns>false when the task_id was used before (it must be unique within the app).</returns>
    public bool TryReserveTaskId(string taskId)
    {
        lock (_lock)
            return _taskIds.Add(taskId);
    }

    public SendOutcome Send(AppSendRequest message)
    {
        var now = time.GetUtcNow();
        var msgId = NewCode();
        lock (_lock)
        {
            var responseCode = message.Interactive ? IssueResponseCodeLocked(message.TaskId, now) : null;
            var captured = message.Recipients
                .Select(to => new CapturedMessage(++_nextId, to, message.MsgType, message.Content, message.Payload, msgId, now,
                    message.Truncated, message.OriginalBytes, message.TaskId, responseCode, !TryCountDelivery(to, now), message.Media))
                .ToList();
            _messages.AddRange(captured);
            return new(msgId, responseCode, captured);
        }
    }

    /// <summary>A fresh response code, as WeCom puts in every template_card_event callback.</summary>
    public string IssueResponseCode(string? taskId)
    {
        lock (_lock)
            return IssueResponseCodeLocked(taskId, time.GetUtcNow());
    }

    /// <returns>The update, or null when the code is unknown, expired or already used.</returns>
    public CardUpdate? UpdateCard(string responseCode, IReadOnlyList<string> userIds, string? replaceName, JsonElement? card)
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_responseCodes.TryGetValue(responseCode, out var code) || code.Used || now >= code.Expires)
                return null;
            _responseCodes[responseCode] = code with { Used = true };
            var update = new CardUpdate(++_nextId, responseCode, code.TaskId, userIds, replaceName, card, now);
            _updates.Add(update);
            return update;
        }
    }

    public IReadOnlyList<CapturedMessage> Messages(string? toUser = null, long sinceId = 0, bool dropped = false)
    {
        lock (_lock)
            return [.. _messages.Where(m => m.Dropped == dropped && m.Id > sinceId && (toUser is null || m.ToUser == toUser))];
    }

    public IReadOnlyList<CardUpdate> Updates(long sinceId = 0)
    {
        lock (_lock)
            return [.. _updates.Where(u => u.Id > sinceId)];
    }

    public void Reset()
    {
        lock (_lock)
        {
            _messages.Clear();
            _updates.Clear();
            _deliveries.Clear();
            _responseCodes.Clear();
            _taskIds.Clear();
        }
    }

    private bool TryCountDelivery(string toUser, DateTimeOffset now)
    {
        if (!_deliveries.TryGetValue(toUser, out var times))
            _deliveries[toUser] = times = new Queue<DateTimeOffset>();
        while (times.Count > 0 && now - times.Peek() >= TimeSpan.FromHours(1))
            times.Dequeue();
        var lastMinute = times.Count(t => now - t < TimeSpan.FromMinutes(1));
        if (lastMinute >= options.Value.PerRecipientPerMinute || times.Count >= options.Value.PerRecipientPerHour)
            return false;
        times.Enqueue(now);
        return true;
    }

    private string IssueResponseCodeLocked(string? taskId, DateTimeOffset now)
    {
        var code = NewCode();
        _responseCodes[code] = (taskId, now + ResponseCodeLifetime, false);
        return code;
    }

    private static string NewCode() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '-').Replace('/', '_');
}
