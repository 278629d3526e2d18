namespace Bot.Conversations.Privacy;

/// <summary>The names erased records carry instead of the real ones.</summary>
public static class ErasedNames
{
    public static string Customer(long id) => $"已删除客户#{id}";

    public static string Contact(long id) => $"已删除联系人#{id}";

    public const string Text = "（已按客户要求删除）";
}
