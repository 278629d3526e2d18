using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Reassignment;

/// <summary>
/// A transfer that failed leaves the customer's WeChat account with the old rep while the customer is the new rep's:
/// both are told, one line each, under keys of the transfer, so the callback and the next check cannot both say it.
/// A rep who has left hears nothing.
/// </summary>
public static class ContactTransferNotices
{
    public static IReadOnlyList<ScheduledNotice> For(FailedTransfer f)
    {
        var who = $"「{f.CustomerName}」的{f.ContactName}";
        var (toOld, toNew) = f.Status == TransferStatus.TakerAtLimit
            ? ($"{who}没能转到{f.TakeoverName}的企业微信：{f.TakeoverName}的客户数已到上限，微信仍留在你这里，客户在系统里已归{f.TakeoverName}。",
               $"{who}没能转到你的企业微信：你的客户数已到上限，微信仍在{f.HandoverName}那里；清出名额后请管理员重新转接。")
            : ($"{who}拒绝了企业微信转接，微信仍留在你这里；客户在系统里已归{f.TakeoverName}，后续沟通请交接给{f.TakeoverName}。",
               $"{who}拒绝了企业微信转接，微信仍在{f.HandoverName}那里；客户已归你，可以请{f.HandoverName}介绍后再加微信。");
        var notices = new List<ScheduledNotice>();
        if (f.HandoverActive)
            notices.Add(new ScheduledNotice($"transfer:{f.Id}:handover", f.HandoverUserId, Reply.Plain(toOld)));
        if (f.TakeoverActive)
            notices.Add(new ScheduledNotice($"transfer:{f.Id}:takeover", f.TakeoverUserId, Reply.Plain(toNew)));
        return notices;
    }
}
