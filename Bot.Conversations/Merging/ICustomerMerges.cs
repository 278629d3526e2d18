using Bot.Conversations.Customers;

namespace Bot.Conversations.Merging;

/// <summary>How much of each kind of record a customer has, or a merge moved.</summary>
public sealed record MergeCounts(int Interactions, int Orders, int Deals, int Reminders, int Contacts, int CareTasks)
{
    /// <summary>What the customer's history weighs when the bot proposes which of two duplicates to keep.</summary>
    public int History => Interactions + Orders + Deals;
}

/// <summary>One side of a merge as it stands: <see cref="Live"/> is false once it was deleted, erased or merged.</summary>
public sealed record MergeCandidate(
    long Id, string LegalName, string? ShortName, long? OwnerId, FunnelStage Stage, bool Live, DateTimeOffset CreatedAt, MergeCounts Counts);

/// <summary>
/// Merge <paramref name="MergedId"/> into <paramref name="SurvivorId"/>. <paramref name="OwnerId"/> is who owns the
/// survivor afterwards; it must be given (and be one of the two owners) when the two have different owners.
/// </summary>
public sealed record MergeRequest(long SurvivorId, long MergedId, long? OwnerId, long? ActorId, string Actor, DateTimeOffset At);

public enum MergeRefusal
{
    /// <summary>Both names are the same customer record.</summary>
    Same,

    /// <summary>One of them does not exist, or was deleted, erased or merged already.</summary>
    Gone,

    /// <summary>The two are owned by different reps and nobody said which one keeps the customer.</summary>
    OwnerNeeded,
}

public abstract record MergeOutcome
{
    /// <param name="AuditId">The audit entry, which also names the merge for `scripts/bot merge --undo`.</param>
    public sealed record Merged(long AuditId, MergeCounts Moved) : MergeOutcome;

    public sealed record Refused(MergeRefusal Reason) : MergeOutcome;
}

public enum MergeUndoRefusal
{
    /// <summary>No merge has this audit id.</summary>
    NotFound,

    AlreadyUndone,

    /// <summary>One of the two customers was merged again since; that merge has to be undone first.</summary>
    LaterMerge,

    /// <summary>One of the two was deleted since (an erasure on request takes what the undo needed with it).</summary>
    Deleted,
}

public abstract record MergeUndoOutcome
{
    public sealed record Undone(long SurvivorId, long MergedId, MergeCounts Restored) : MergeUndoOutcome;

    /// <param name="LaterAuditId">With <see cref="MergeUndoRefusal.LaterMerge"/>, the merge to undo first.</param>
    public sealed record Refused(MergeUndoRefusal Reason, long? LaterAuditId = null) : MergeUndoOutcome;
}

/// <summary>
/// Merging duplicate customers: everything of one moves to the other in one transaction, the merged one stays as a
/// deleted row that points at the survivor, and the audit entry lists every moved row so the merge can be undone.
/// </summary>
public interface ICustomerMerges
{
    /// <summary>The customer with its counts, or null when no customer has the id.</summary>
    Task<MergeCandidate?> DescribeAsync(long customerId, CancellationToken ct);

    Task<MergeOutcome> MergeAsync(MergeRequest request, CancellationToken ct);

    /// <summary>
    /// Puts back every row the merge moved and every value it changed, unless changed again since; rows added to the
    /// survivor after the merge stay with it. Writes its own audit entry.
    /// </summary>
    Task<MergeUndoOutcome> UndoAsync(long auditId, long? actorId, string actor, CancellationToken ct);
}
