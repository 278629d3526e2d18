namespace Bot.Conversations.Customers;

/// <summary>How a rep addresses a contact: 李总 for a 总经理, 王经理 for a manager, 陈工 for an engineer, otherwise the full name.</summary>
public static class Salutation
{
    public static string For(Contact contact) => ContactTitles.Salutation(contact.Name, contact.Title);
}
