using System.Diagnostics;

namespace Bot.Host.Telemetry;

/// <summary>
/// The product's spans (ActivitySource "Bot"): a callback stored, its handling, each reply sent. The handling and
/// the sending happen later, in other loops or hosts, so each continues the trace from the traceparent stored
/// with its row. Spans carry ids (WeCom's msgid, row ids), never what anybody wrote.
/// </summary>
public static class BotActivities
{
    public const string SourceName = "Bot";

    public const string MsgIdTag = "wecom.msgid";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The span of a callback being stored; its traceparent goes into the inbound row.</summary>
    public static Activity? StartCallback(string channel, string? msgId) =>
        Source.StartActivity("wecom.callback " + channel)?.SetTag(MsgIdTag, msgId);

    /// <summary>A span continuing the stored trace (a new trace when none was stored or it does not parse); null when nobody listens.</summary>
    public static Activity? StartFrom(string name, string? storedTraceParent, ActivityKind kind = ActivityKind.Consumer) =>
        Source.StartActivity(name, kind, ActivityContext.TryParse(storedTraceParent, null, out var parent) ? parent : default);
}
