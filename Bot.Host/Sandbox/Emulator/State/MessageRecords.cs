using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// One app message to one member, as the emulator saw it. <see cref="Payload"/> is the object under the
/// msgtype key (after truncation); <see cref="Content"/> is its text for text and markdown, <see cref="Media"/> the
/// upload a picture, voice, video or file message delivered (its bytes are at control/media/{mediaId}).
/// </summary>
public sealed record CapturedMessage(
    long Id,
    string ToUser,
    string MsgType,
    string? Content,
    JsonElement Payload,
    string MsgId,
    DateTimeOffset Time,
    bool Truncated,
    int OriginalBytes,
    string? TaskId,
    string? ResponseCode,
    bool Dropped,
    StoredMedia? Media = null);

/// <summary>A message/update_template_card call that WeCom accepted.</summary>
public sealed record CardUpdate(
    long Id,
    string ResponseCode,
    string? TaskId,
    IReadOnlyList<string> UserIds,
    string? ReplaceName,
    JsonElement? Card,
    DateTimeOffset Time);

/// <summary>What message/send is asked to deliver, once validated.</summary>
public sealed record AppSendRequest(
    IReadOnlyList<string> Recipients,
    string MsgType,
    string? Content,
    JsonElement Payload,
    bool Truncated,
    int OriginalBytes,
    string? TaskId,
    bool Interactive,
    StoredMedia? Media = null);

public sealed record SendOutcome(string MsgId, string? ResponseCode, IReadOnlyList<CapturedMessage> Messages);
