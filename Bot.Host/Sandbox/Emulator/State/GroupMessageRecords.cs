using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>Status as get_groupmsg_send_result reports it: 0 not sent yet, 1 sent, 2 not a friend any more, 3 the month's group sends to this customer used up.</summary>
public sealed record GroupMessageTarget(string ExternalUserId, int Status, DateTimeOffset? SendTime);

/// <summary>One sender's share of an add_msg_template: pending until that member confirms it in the client.</summary>
public sealed record GroupMessageTask(
    string MsgId,
    string Sender,
    string? Text,
    JsonElement? Attachments,
    DateTimeOffset CreateTime,
    bool Confirmed,
    IReadOnlyList<GroupMessageTarget> Targets);
