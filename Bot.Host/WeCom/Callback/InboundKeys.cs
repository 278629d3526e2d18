namespace Bot.Host.WeCom.Callback;

/// <summary>
/// The de-duplication key of a callback. Messages carry a MsgId. Events do not, and the documented
/// FromUserName + CreateTime loses real events (two customers added in the same second, batch approvals),
/// so the key also takes every field that tells two events apart.
/// </summary>
public static class InboundKeys
{
    private static readonly string[] EventFields =
    [
        "FromUserName", "CreateTime", "Event", "ChangeType", "UserID", "ExternalUserID", "EventKey", "TaskId",
        "ResponseCode", "WelcomeCode", "State", "AgentID",
    ];

    private const string AppMessage = "app:msg:";
    private const string AiBotMessage = "aibot:";

    public static string ForApp(IReadOnlyDictionary<string, string> fields) =>
        fields.TryGetValue("MsgId", out var msgId) && msgId.Length > 0
            ? AppMessage + msgId
            : "app:evt:" + string.Join('|', EventFields.Select(f => fields.GetValueOrDefault(f, "")));

    public static string ForAiBot(string msgId) => AiBotMessage + msgId;

    /// <summary>WeCom's msgid back out of a message's key; null for an event, which has none.</summary>
    public static string? MsgIdOf(string key) =>
        key.StartsWith(AppMessage, StringComparison.Ordinal) ? key[AppMessage.Length..]
        : key.StartsWith(AiBotMessage, StringComparison.Ordinal) ? key[AiBotMessage.Length..]
        : null;
}
