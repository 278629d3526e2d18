namespace Bot.Conversations.Customers;

/// <param name="AssignedBy">The manager who assigned this follow-up (told when it is done); null for the rep's own.</param>
/// <param name="AppointmentAt">When the appointment this reminder comes before takes place; null for a plain follow-up.</param>
public sealed record Reminder(
    long Id, long RepId, long? CustomerId, string? CustomerName, DateTimeOffset DueAt, string Note, string Source, string Status,
    long? AssignedBy = null, DateTimeOffset? AppointmentAt = null)
{
    /// <summary>The note, with the customer's name in front unless the note already says it.</summary>
    public string Describe() =>
        CustomerName is { } name && !Note.Contains(name, StringComparison.Ordinal) ? $"{name}：{Note}" : Note;
}

public sealed record NewReminder(long RepId, long? CustomerId, DateTimeOffset DueAt, string Note, string Source)
{
    public long? AssignedBy { get; init; }

    public Appointment? Appointment { get; init; }

    /// <summary>The stored message it was set from: erasing the customer finds that message by it.</summary>
    public long? InboundMessageId { get; init; }
}

/// <summary>An appointment with a customer: when, and how it will take place (visit, meeting, phone…).</summary>
public sealed record Appointment(DateTimeOffset At, InteractionChannel Channel);

/// <summary>An appointment that should be over and whose outcome nobody has asked about yet.</summary>
public sealed record AppointmentDue(long ReminderId, long RepId, long CustomerId, string CustomerName, DateTimeOffset At, InteractionChannel Channel, bool AlreadyLogged);

/// <summary>An appointment whose outcome the rep was asked for and has not given yet.</summary>
public sealed record AwaitedOutcome(long ReminderId, long CustomerId, DateTimeOffset At, InteractionChannel Channel);

public interface IReminderRepository
{
    Task<Reminder> AddAsync(long repId, long? customerId, DateTimeOffset dueAt, string note, string source, CancellationToken ct);

    /// <summary>A reminder with who assigned it or the appointment it comes before.</summary>
    Task<Reminder> AddAsync(NewReminder reminder, CancellationToken ct);

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

    /// <summary>
    /// Appointments that ended (start + how long such a meeting takes) before <paramref name="now"/> and whose outcome
    /// was not asked, each saying whether the rep already logged an interaction with the customer since shortly before it.
    /// </summary>
    Task<IReadOnlyList<AppointmentDue>> ListOutcomesDueAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>Records that the outcome was asked (or needed no asking), and closes the appointment's reminder.</summary>
    Task MarkOutcomeAskedAsync(IReadOnlyList<long> ids, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// The rep's most recent appointment whose outcome was asked since <paramref name="since"/> and not yet given: no
    /// interaction with its customer logged by the rep since it was asked.
    /// </summary>
    Task<AwaitedOutcome?> FindAwaitedOutcomeAsync(long repId, DateTimeOffset since, CancellationToken ct);
}
