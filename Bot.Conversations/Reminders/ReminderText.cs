using Bot.Conversations.Customers;

namespace Bot.Conversations.Reminders;

public static class ReminderText
{
    /// <summary>The note, with the customer's name in front unless the note already says it.</summary>
    public static string Describe(Reminder reminder) =>
        reminder.CustomerName is { } name && !reminder.Note.Contains(name, StringComparison.Ordinal) ? $"{name}：{reminder.Note}" : reminder.Note;
}
