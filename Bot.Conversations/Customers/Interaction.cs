namespace Bot.Conversations.Customers;

public enum InteractionChannel
{
    Phone,
    Visit,
    WeChat,
    Email,
    Meeting,
    Other,
}

public static class InteractionChannels
{
    public static string Code(this InteractionChannel channel) => channel.ToString().ToLowerInvariant();

    public static InteractionChannel FromCode(string code) =>
        Enum.TryParse<InteractionChannel>(code, ignoreCase: true, out var channel) ? channel : InteractionChannel.Other;

    public static string ChineseName(this InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => "电话",
        InteractionChannel.Visit => "拜访",
        InteractionChannel.WeChat => "微信",
        InteractionChannel.Email => "邮件",
        InteractionChannel.Meeting => "会议",
        _ => "其他",
    };
}

/// <summary>One touch with a customer, as the rep reported it.</summary>
public sealed record Interaction(
    long Id,
    long CustomerId,
    long? ContactId,
    long RepId,
    InteractionChannel Channel,
    DateTimeOffset OccurredAt,
    string Summary,
    IReadOnlyList<string> Objections,
    decimal? Amount,
    string? SourceMessage);

public sealed record NewInteraction(
    long CustomerId,
    long? ContactId,
    long RepId,
    InteractionChannel Channel,
    DateTimeOffset OccurredAt,
    string Summary,
    IReadOnlyList<string> Objections,
    decimal? Amount,
    string? SourceMessage,
    long? InboundMessageId = null);
