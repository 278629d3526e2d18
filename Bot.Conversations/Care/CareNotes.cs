using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Care;

/// <summary>What the rep is told about greetings waiting for them in WeCom's 群发助手.</summary>
public static class CareNotes
{
    private const string WhereToConfirm = "企业微信「客户联系 → 群发助手」";

    /// <summary>One note per rep per planning run, however many customers: 春节祝福 23 位、生日祝福 2 位.</summary>
    public static Reply Queued(IReadOnlyDictionary<CareOccasion, int> counts) => Reply.Plain(
        $"今天的客户关怀已备好：{Breakdown(counts)}。消息会出现在{WhereToConfirm}里，你点「发送」后客户才会收到。");

    public static Reply Reminder(IReadOnlyDictionary<CareOccasion, int> counts, bool last)
    {
        var total = counts.Values.Sum();
        var opening = last ? "最后提醒一次：" : "";
        return Reply.Plain($"{opening}还有 {total} 条客户关怀在等你确认（{Breakdown(counts)}）。打开{WhereToConfirm}点「发送」就好，客户才能收到。");
    }

    private static string Breakdown(IReadOnlyDictionary<CareOccasion, int> counts) =>
        string.Join("、", counts.Where(c => c.Value > 0).OrderBy(c => c.Key).Select(c => $"{c.Key.ChineseName()} {c.Value} 位"));
}
