namespace Bot.Conversations.Merging;

/// <summary>How a merge's records are counted in chat and on the command line: 3条跟进、1个订单、2位联系人.</summary>
public static class MergeText
{
    /// <summary>The kinds that have any, in the order a rep cares about them; null when there are none.</summary>
    public static string? Records(MergeCounts counts)
    {
        (int Count, string Unit)[] kinds =
        [
            (counts.Interactions, "条跟进"), (counts.Orders, "个订单"), (counts.Deals, "个商机"), (counts.Reminders, "条提醒"),
            (counts.Contacts, "位联系人"), (counts.CareTasks, "条祝福"),
        ];
        var parts = kinds.Where(k => k.Count > 0).Select(k => k.Count + k.Unit).ToList();
        return parts.Count == 0 ? null : string.Join("、", parts);
    }

    public static string Refusal(MergeRefusal reason) => reason switch
    {
        MergeRefusal.Same => "这两个名称是同一个客户，不用合并。",
        MergeRefusal.Gone => "其中一家已经删除或合并过了，不能再合并。",
        MergeRefusal.OwnerNeeded => "两家的负责人不同，要先说定合并后归谁。",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static string Refusal(MergeUndoRefusal reason, long? laterAuditId) => reason switch
    {
        MergeUndoRefusal.NotFound => "没有这次合并的记录。",
        MergeUndoRefusal.AlreadyUndone => "这次合并已经撤销过了。",
        MergeUndoRefusal.LaterMerge => $"之后又有一次合并（#{laterAuditId}）涉及这两家客户，要先撤销那一次。",
        MergeUndoRefusal.Deleted => "其中一家客户已经删除，这次合并不能再撤销。",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
