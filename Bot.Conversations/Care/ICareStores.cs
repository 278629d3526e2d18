using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Care;

/// <summary>The contacts care may greet on a day (consented, not opted out, on WeCom, owned by an active rep).</summary>
public interface ICareCandidates
{
    Task<IReadOnlyList<CareCandidate>> ForDayAsync(DateOnly day, bool everyone, int postSaleDays, CancellationToken ct);

    /// <summary>Every contact care may greet among the customers of <paramref name="ownerIds"/> (everyone's when null), or of one customer.</summary>
    Task<IReadOnlyList<CareCandidate>> OfOwnersAsync(IReadOnlyCollection<long>? ownerIds, long? customerId, CancellationToken ct);
}

/// <summary>
/// Where a planned greeting is (care_tasks.status): queued for WeCom; yielded to the quota; awaiting the rep's
/// confirmation in 群发助手; sent; failed (not a friend any more, quota used by another send); never confirmed.
/// </summary>
public enum CareTaskStatus
{
    Planned,
    Yielded,
    Awaiting,
    Sent,
    Failed,
    Unconfirmed,
}

/// <summary>Rep awaiting a note about greetings queued for them: how many of each occasion.</summary>
public sealed record CareNoteDue(long RepId, string RepUserId, long FirstTaskId, IReadOnlyDictionary<CareOccasion, int> Counts);

/// <summary>Planned greetings, each stored with its outbox message under one idempotency key.</summary>
public interface ICareTasks
{
    /// <returns>The greetings among <paramref name="keys"/> already planned, with where each is now.</returns>
    Task<IReadOnlyDictionary<string, CareTaskStatus>> StatusesAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <returns>Greetings already used per customer id in the quota period.</returns>
    Task<IReadOnlyDictionary<long, int>> UsedInPeriodAsync(DateOnly first, DateOnly last, CancellationToken ct);

    /// <param name="afterChunk">Called after each committed chunk with its size.</param>
    Task SaveAsync(IReadOnlyList<PlannedCare> plans, Func<PlannedCare, OutgoingMessage> render, Func<int, Task>? afterChunk, CancellationToken ct);

    /// <summary>Queues one note per rep with greetings not yet announced, and marks them announced.</summary>
    Task<IReadOnlyList<CareNoteDue>> AnnounceAsync(Func<CareNoteDue, OutgoingMessage> render, CancellationToken ct);
}

/// <summary>A greeting WeCom holds until the rep confirms it.</summary>
public sealed record AwaitingCare(
    long Id, string MsgId, string RepUserId, string ExternalUserId, string Occasion, DateTime QueuedAt, int RemindersSent, DateTime? LastRemindedAt);

/// <summary>What WeCom said about one greeting: 0 still waiting, 1 sent, 2 not a friend, 3 quota used.</summary>
public sealed record CareSendResult(long TaskId, int SendStatus);

/// <summary>Each greeting from the outbox to the customer's phone, and the reminders to reps who have not confirmed.</summary>
public interface ICareTracking
{
    Task LinkDispatchedAsync(DateTimeOffset now, CancellationToken ct);

    Task<IReadOnlyList<AwaitingCare>> AwaitingAsync(CancellationToken ct);

    Task RecordAsync(IReadOnlyList<CareSendResult> results, CancellationToken ct);

    /// <returns>How many greetings nobody confirmed before <paramref name="before"/> were written off.</returns>
    Task<int> ExpireAsync(DateTimeOffset before, CancellationToken ct);

    Task RemindAsync(IReadOnlyList<long> taskIds, OutgoingMessage note, DateTimeOffset at, CancellationToken ct);
}

/// <summary>One customer's delivery status of a group send, as WeCom reports it.</summary>
public sealed record CareDelivery(string ExternalUserId, int Status);

/// <summary>Asks the channel whether the rep confirmed a group send, and to whom it went.</summary>
public interface ICareDeliveries
{
    /// <returns>The statuses, or null when the channel could not say this time (the next run asks again).</returns>
    Task<IReadOnlyList<CareDelivery>?> ForAsync(string msgId, string repUserId, CancellationToken ct);
}
