namespace Bot.Conversations.Records;

/// <summary>What kind of earlier record a message points at; an interaction unless it names another kind.</summary>
public enum RecordKind
{
    Interaction,
    Reminder,
    Order,
    Deal,
}

public static class RecordKinds
{
    /// <summary>The record kind in a sentence (没找到…的{noun}).</summary>
    public static string Noun(this RecordKind kind) => kind switch
    {
        RecordKind.Reminder => "未完成提醒",
        RecordKind.Order => "订单",
        RecordKind.Deal => "商机",
        _ => "沟通记录",
    };
}
