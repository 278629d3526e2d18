namespace Bot.Conversations.Customers;

public sealed record Reminder(long Id, long RepId, long? CustomerId, string? CustomerName, DateTimeOffset DueAt, string Note, string Source, string Status)
{
    /// <summary>The note, with the customer's name in front unless the note already says it.</summary>
    public string Describe() =>
        CustomerName is { } name && !Note.Contains(name, StringComparison.Ordinal) ? $"{name}：{Note}" : Note;
}

public sealed record NewReminder(long RepId, long? CustomerId, DateTimeOffset DueAt, string Note, string Source);

public interface IReminderRepository
{
    Task<Reminder> AddAsync(long repId, long? customerId, DateTimeOffset dueAt, string note, string source, CancellationToken ct);

    /// <summary>Open reminders of the given reps due before <paramref name="until"/>, earliest first (overdue ones come first by nature).</summary>
    Task<IReadOnlyList<Reminder>> ListOpenAsync(IReadOnlyCollection<long> repIds, DateTimeOffset until, CancellationToken ct);

    Task<IReadOnlyList<Reminder>> ListOpenForCustomerAsync(long customerId, CancellationToken ct);

    /// <summary>
    /// A newly logged interaction takes over the customer's open follow-up: it moves to <paramref name="dueAt"/> and now
    /// comes from <paramref name="source"/> (not a postponement).
    /// </summary>
    Task<Reminder?> TakeOverAsync(long id, long repId, DateTimeOffset dueAt, string source, CancellationToken ct);

    /// <summary>Puts a taken-over follow-up back as it was (undo).</summary>
    Task RestoreAsync(long id, DateTimeOffset dueAt, string source, CancellationToken ct);

    /// <summary>Removes a reminder created moments ago (undo), as if it had never been set.</summary>
    Task DeleteAsync(long id, CancellationToken ct);

    /// <summary>Marks the rep's own open reminder done; null when it is not theirs or no longer open.</summary>
    Task<Reminder?> CompleteAsync(long id, long repId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Moves the rep's own open reminder later by <paramref name="by"/>.</summary>
    Task<Reminder?> PostponeAsync(long id, long repId, TimeSpan by, CancellationToken ct);

    /// <summary>Moves the rep's own open reminder to <paramref name="dueAt"/>.</summary>
    Task<Reminder?> RescheduleAsync(long id, long repId, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>Puts the rep's reminder back, open and due at <paramref name="dueAt"/> (undo of a completion or a move).</summary>
    Task<bool> ReopenAsync(long id, long repId, DateTimeOffset dueAt, CancellationToken ct);

    Task AddManyAsync(IReadOnlyList<NewReminder> reminders, CancellationToken ct);

    /// <summary>Open reminders due in [<paramref name="since"/>, <paramref name="until"/>] whose card for that due time has not gone out.</summary>
    Task<IReadOnlyList<Reminder>> ListDueWithoutCardAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken ct);

    /// <summary>Records that the card for each reminder's current due time was queued; a reminder moved since is left alone.</summary>
    Task MarkCardSentAsync(IReadOnlyList<Reminder> reminders, CancellationToken ct);

    /// <summary>Open reminders due before <paramref name="dueBefore"/> that were never escalated to a manager.</summary>
    Task<IReadOnlyList<Reminder>> ListOverdueNotEscalatedAsync(DateTimeOffset dueBefore, CancellationToken ct);

    Task MarkEscalatedAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken ct);
}
