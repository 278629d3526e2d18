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

    // What a rep calls a channel when naming it outright (渠道是拜访, 约了去厂里谈); reading one from a report is the classifier's job.
    private static readonly (string Word, InteractionChannel Channel)[] ChannelWords =
    [
        ("电话", InteractionChannel.Phone), ("打电话", InteractionChannel.Phone), ("通话", InteractionChannel.Phone), ("打给", InteractionChannel.Phone), ("call", InteractionChannel.Phone),
        ("去厂里", InteractionChannel.Visit), ("来公司", InteractionChannel.Visit), ("拜访", InteractionChannel.Visit), ("上门", InteractionChannel.Visit), ("上门拜访", InteractionChannel.Visit), ("面谈", InteractionChannel.Visit), ("见面", InteractionChannel.Visit),
        ("微信", InteractionChannel.WeChat), ("企微", InteractionChannel.WeChat), ("企业微信", InteractionChannel.WeChat),
        ("邮件", InteractionChannel.Email), ("邮箱", InteractionChannel.Email), ("email", InteractionChannel.Email),
        ("会议", InteractionChannel.Meeting), ("开会", InteractionChannel.Meeting), ("视频会", InteractionChannel.Meeting), ("视频会议", InteractionChannel.Meeting), ("腾讯会议", InteractionChannel.Meeting),
        ("当面", InteractionChannel.Visit), ("语音", InteractionChannel.WeChat), ("视频", InteractionChannel.Meeting), ("zoom", InteractionChannel.Meeting),
        ("饭局", InteractionChannel.Meeting), ("吃饭", InteractionChannel.Meeting),
    ];

    public static InteractionChannel? FromWord(string word) =>
        ChannelWords.FirstOrDefault(w => string.Equals(w.Word, word.Trim(), StringComparison.OrdinalIgnoreCase)) is { Word: not null } found ? found.Channel : null;

    /// <summary>Every channel word in <paramref name="text"/>, the longest at each place (上门拜访, not 上门 and then 拜访).</summary>
    public static IReadOnlyList<(int Start, int Length, InteractionChannel Channel)> FindIn(string text)
    {
        var found = new List<(int, int, InteractionChannel)>();
        for (var i = 0; i < text.Length;)
        {
            var longest = ChannelWords.Where(w => string.Compare(text, i, w.Word, 0, w.Word.Length, StringComparison.OrdinalIgnoreCase) == 0)
                .OrderByDescending(w => w.Word.Length).FirstOrDefault();
            if (longest.Word is null)
            {
                i++;
                continue;
            }
            found.Add((i, longest.Word.Length, longest.Channel));
            i += longest.Word.Length;
        }
        return found;
    }

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
