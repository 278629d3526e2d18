using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Bot.Conversations.Privacy;
using Bot.Conversations.Understanding;

namespace Bot.Host.WeCom.Callback;

/// <summary>
/// ID and bank card numbers never reach storage, not even in the raw message kept for processing: every field a
/// person may have typed is masked (the text, a voice transcript, a quoted message, a link's title, whatever WeCom
/// adds next), and only the identifiers WeCom assigns are kept as they came — a MsgId is 19 digits and may pass
/// Luhn's check, and the de-duplication key is built from them.
/// </summary>
public static class CallbackMasking
{
    private static readonly FrozenSet<string> AppIdentifiers = FrozenSet.Create(StringComparer.Ordinal,
        "ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "AgentID", "Event", "EventKey", "ChangeType", "UserID",
        "ExternalUserID", "WelcomeCode", "ResponseCode", "State", "TaskId", "MediaId", "ThumbMediaId", "PicUrl", "Format");

    private static readonly FrozenSet<string> AiBotIdentifiers = FrozenSet.Create(StringComparer.Ordinal,
        "msgid", "aibotid", "chatid", "chattype", "userid", "msgtype", "eventtype", "response_url", "id", "url", "aeskey", "md5");

    public static void App(Dictionary<string, string> fields)
    {
        foreach (var (name, value) in fields.ToList())
        {
            if (!AppIdentifiers.Contains(name))
                fields[name] = PersonalData.Redact(value).Text;
        }
    }

    public static void AiBot(JsonNode? node) =>
        JsonStrings.Rewrite(node, text => PersonalData.Redact(text).Text, AiBotIdentifiers.Contains);
}
