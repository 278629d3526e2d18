using Bot.Conversations.Customers;

namespace Bot.Conversations.Records;

/// <summary>
/// The earlier records a fix can point at, and the fixes themselves: each removal or edit writes an audit entry with
/// the rows as they were, and <see cref="RestoreAsync"/> puts them back from that entry. Records of customers erased
/// on request (or deleted) are never found.
/// </summary>
public interface IRecordStore
{
    /// <summary>Matching records, newest first (reminders: open ones only).</summary>
    Task<IReadOnlyList<EarlierRecord>> FindAsync(RecordSearch search, CancellationToken ct);

    Task<EarlierRecord?> GetAsync(RecordKind kind, long id, CancellationToken ct);

    /// <summary>
    /// Removes the record (a reminder is cancelled, so reports keep counting it right); for an interaction also the
    /// stage change it wrote when that is still the customer's latest. Null when the record is gone already.
    /// </summary>
    Task<RecordRemoval?> RemoveAsync(RecordKind kind, long id, long actorId, string actor, DateTimeOffset at, CancellationToken ct);

    /// <summary>Sets one field of an interaction; the audit entry's id, or null when the interaction is gone.</summary>
    Task<long?> EditInteractionAsync(long id, InteractionEdit edit, long actorId, string actor, DateTimeOffset at, CancellationToken ct);

    /// <summary>Puts back what the audited removal or edit changed (undo); false when there is nothing left to put back.</summary>
    Task<bool> RestoreAsync(long auditId, long actorId, CancellationToken ct);
}

/// <param name="Days">Days the record took place, was made or (orders, deals) is dated; empty for any day.</param>
/// <param name="DueDays">Days a reminder is due; a reminder matches on either.</param>
/// <param name="AuthorId">Only records made by this user; null for anyone's (the caller tells own from a colleague's).</param>
public sealed record RecordSearch(
    RecordKind Kind, long? AuthorId, long? CustomerId, IReadOnlyList<DayRange> Days, IReadOnlyList<DayRange> DueDays,
    InteractionChannel? Channel, long? ContactId, decimal? Amount, int Limit);

public readonly record struct DayRange(DateOnly From, DateOnly To);

/// <summary>
/// What a removal did besides the record. <see cref="Stage"/>: the stage change the interaction wrote, and whether it
/// was taken back with it (only the customer's latest change is; a later one leans on it).
/// </summary>
public sealed record RecordRemoval(long AuditId, StageWritten? Stage, bool OpenFollowUp);

public sealed record StageWritten(FunnelStage From, FunnelStage To, bool TakenBack);

/// <summary>The one field of an interaction a fix sets.</summary>
public sealed record InteractionEdit(InteractionChannel? Channel = null, long? ContactId = null, DateTimeOffset? OccurredAt = null);
