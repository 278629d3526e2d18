using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>A customer (外部联系人). Type 1 is a WeChat user; gender 0 unknown, 1 male, 2 female.</summary>
public sealed record ExternalContact(string ExternalUserId, string Name, int Type, int Gender, string Avatar, string CorpName)
{
    /// <summary>The job title the customer shows (职务), empty when not given.</summary>
    public string Position { get; init; } = "";
}

/// <summary>A member who has the customer as a contact; <see cref="CreateTime"/> is unix seconds.</summary>
public sealed record FollowUser(string UserId, string ExternalUserId, string Remark, string Description, long CreateTime, string State, int AddWay)
{
    /// <summary>Corp tag names the member put on the customer (e.g. 免打扰).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>Something that reached a customer's WeChat: <see cref="Kind"/> is <c>welcome</c> or <c>group_msg</c>.</summary>
public sealed record CustomerDelivery(
    long Id,
    string ExternalUserId,
    string FromUserId,
    string Kind,
    string? Text,
    JsonElement? Attachments,
    string? MsgId,
    DateTimeOffset Time);

/// <summary>A welcome code as handed out with add_external_contact.</summary>
public sealed record WelcomeCode(string Code, string UserId, string ExternalUserId, DateTimeOffset IssuedAt, bool Used);
