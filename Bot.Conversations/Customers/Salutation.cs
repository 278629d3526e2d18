namespace Bot.Conversations.Customers;

/// <summary>How a rep addresses a contact: 李总 for a 总经理 or 总监, 王经理 for a manager, otherwise the full name.</summary>
public static class Salutation
{
    public static string For(Contact contact) => contact.Title switch
    {
        _ when contact.Name.Length == 0 || char.IsAsciiLetter(contact.Name[0]) => contact.Name,
        { } t when t.Contains('总') || t.Contains("董事", StringComparison.Ordinal) => contact.Name[..1] + "总",
        { } t when t.Contains("经理", StringComparison.Ordinal) => contact.Name[..1] + "经理",
        _ => contact.Name,
    };
}
