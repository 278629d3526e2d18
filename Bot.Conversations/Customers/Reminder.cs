namespace Bot.Conversations.Customers;

public sealed record Reminder(long Id, long RepId, long? CustomerId, string? CustomerName, DateTimeOffset DueAt, string Note, string Source, string Status);

public interface IReminderRepository
{
    Task<Reminder> AddAsync(long repId, long? customerId, DateTimeOffset dueAt, string note, string source, CancellationToken ct);

    /// <summary>Open reminders of the given reps due before <paramref name="until"/>, earliest first (overdue ones come first by nature).</summary>
    Task<IReadOnlyList<Reminder>> ListOpenAsync(IReadOnlyCollection<long> repIds, DateTimeOffset until, CancellationToken ct);

    Task<IReadOnlyList<Reminder>> ListOpenForCustomerAsync(long customerId, CancellationToken ct);

    Task<bool> CancelAsync(long id, CancellationToken ct);

    /// <summary>Marks the rep's own open reminder done; null when it is not theirs or no longer open.</summary>
    Task<Reminder?> CompleteAsync(long id, long repId, DateTimeOffset at, CancellationToken ct);

    /// <summary>Moves the rep's own open reminder later by <paramref name="by"/>.</summary>
    Task<Reminder?> PostponeAsync(long id, long repId, TimeSpan by, CancellationToken ct);

    /// <summary>Moves the rep's own open reminder to <paramref name="dueAt"/>.</summary>
    Task<Reminder?> RescheduleAsync(long id, long repId, DateTimeOffset dueAt, CancellationToken ct);

    /// <summary>Puts the rep's reminder back, open and due at <paramref name="dueAt"/> (undo of a completion or a move).</summary>
    Task<bool> ReopenAsync(long id, long repId, DateTimeOffset dueAt, CancellationToken ct);
}
