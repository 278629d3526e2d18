using System.Text.Json;
using System.Text.Json.Serialization;
using Bot.Conversations.Records;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Dialogs;

/// <summary>A question the bot asked and is waiting on: which customer was meant (numbered choices).</summary>
public sealed record PendingChoice(string Text, Intent Intent, IReadOnlyList<long> CustomerIds, DateTimeOffset AskedAt);

/// <summary>
/// The last write, kept for 撤销 (undo) and 不对，是X (correction) for ten minutes: what it said, the records that take
/// back what it did, and the message, intent and inbound message it came from, so a correction can handle the same
/// message again for another customer.
/// </summary>
public sealed record LastWrite(string Summary, long CustomerId, IReadOnlyList<UndoRecord> Undo, string Text, Intent Intent, long InboundId, DateTimeOffset At);

/// <summary>An irreversible action waiting for the user to type its confirmation word.</summary>
public sealed record PendingConfirmation(long CustomerId, DateTimeOffset AskedAt);

/// <summary>
/// A write the bot was not sure of, waiting for 是: the message, its intent and customer, and the follow-up time the
/// bot proposed instead of one in the night.
/// </summary>
public sealed record PendingWrite(string Text, Intent Intent, long? CustomerId, long InboundId, DateTimeOffset? ProposedFollowUp, DateTimeOffset AskedAt);

/// <summary>
/// A merge of duplicate customers proposed in chat, waiting for 确认: which one stays, who owns it afterwards (null
/// until someone says so, when the two owners differ), and the message that asked for it.
/// </summary>
public sealed record PendingMerge(long SurvivorId, long MergedId, long? OwnerId, string Text, long InboundId, DateTimeOffset AskedAt);

/// <summary>The rest of a long list, as rendered lines, waiting for 「更多」 (<see cref="ListPages"/>), shown <paramref name="PageSize"/> at a time.</summary>
public sealed record PendingPage(string Title, IReadOnlyList<ListLine> Rest, DateTimeOffset ShownAt, int PageSize = ListPages.PageSize);

/// <summary>
/// A fix to an earlier record (删除, or one field of an interaction) waiting for the user: to pick one of several
/// <see cref="Choices"/>, or, with one left, to say 确认. The message it came from is kept for the undo record.
/// </summary>
public sealed record PendingRecordChange(RecordChange Change, IReadOnlyList<RecordChoice> Choices, string Text, Intent Intent, long InboundId, DateTimeOffset AskedAt);

/// <summary>A record offered in a fix, with the line that showed it.</summary>
public sealed record RecordChoice(RecordKind Kind, long Id, string Line);

/// <param name="Last">
/// Stored as "lastWrite": a state saved before writes carried their own undo records has "last" instead, and is
/// read without it (nothing to undo) rather than as a write with nothing to take back.
/// </param>
public sealed record DialogState(
    PendingChoice? Pending, [property: JsonPropertyName("lastWrite")] LastWrite? Last, PendingConfirmation? Confirmation = null, PendingWrite? Write = null,
    PendingPage? More = null, Reassignment.PendingReassignment? Reassignment = null, PendingMerge? Merge = null, PendingRecordChange? RecordFix = null)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static DialogState Parse(string? json) =>
        json is null ? new DialogState(null, null) : JsonSerializer.Deserialize<DialogState>(json, Json) ?? new DialogState(null, null);
}

/// <summary>Reads and writes the user's dialog state; entries older than ten minutes are ignored.</summary>
public sealed class DialogSession(IDialogStateStore store, string userId, DialogState state, DateTimeOffset now)
{
    public PendingChoice? Pending => state.Pending is { } p && now - p.AskedAt < DialogState.Lifetime ? p : null;

    public PendingConfirmation? Confirmation => state.Confirmation is { } c && now - c.AskedAt < DialogState.Lifetime ? c : null;

    public PendingWrite? Write => state.Write is { } w && now - w.AskedAt < DialogState.Lifetime ? w : null;

    public PendingPage? More => state.More is { } m && now - m.ShownAt < DialogState.Lifetime ? m : null;

    public PendingMerge? Merge => state.Merge is { } m && now - m.AskedAt < DialogState.Lifetime ? m : null;

    public PendingRecordChange? RecordFix => state.RecordFix is { } r && now - r.AskedAt < DialogState.Lifetime ? r : null;

    public LastWrite? Last => state.Last is { } l && now - l.At < DialogState.Lifetime ? l : null;

    public Reassignment.PendingReassignment? Reassignment => state.Reassignment is { } r && now - r.AskedAt < DialogState.Lifetime ? r : null;

    public static async Task<DialogSession> LoadAsync(IDialogStateStore store, string userId, DateTimeOffset now, CancellationToken ct) =>
        new(store, userId, DialogState.Parse(await store.GetAsync(userId, ct)), now);

    public Task AskAsync(PendingChoice pending, CancellationToken ct) => SaveAsync(state with { Pending = pending }, ct);

    public Task ClearPendingAsync(CancellationToken ct) => SaveAsync(state with { Pending = null }, ct);

    public Task AwaitWriteAsync(PendingWrite write, CancellationToken ct) => SaveAsync(state with { Pending = null, Write = write }, ct);

    public Task ClearWriteAsync(CancellationToken ct) => SaveAsync(state with { Write = null }, ct);

    /// <summary>Keeps the rest of a list for 「更多」, or with null drops it.</summary>
    public Task ShowMoreAsync(PendingPage? more, CancellationToken ct) => SaveAsync(state with { More = more }, ct);

    public Task AwaitMergeAsync(PendingMerge merge, CancellationToken ct) => SaveAsync(state with { Pending = null, Merge = merge }, ct);

    public Task ClearMergeAsync(CancellationToken ct) => SaveAsync(state with { Merge = null }, ct);

    public Task RememberWriteAsync(LastWrite write, CancellationToken ct) => SaveAsync(new DialogState(null, write), ct);

    public Task ForgetWriteAsync(CancellationToken ct) => SaveAsync(state with { Last = null }, ct);

    /// <summary>Waits for the pick or the 确认 of a fix to an earlier record (no other question stays open), or with null stops waiting.</summary>
    public Task AwaitRecordChangeAsync(PendingRecordChange? change, CancellationToken ct) =>
        SaveAsync(change is null ? state with { RecordFix = null } : state with { Pending = null, Write = null, RecordFix = change }, ct);

    public Task AwaitConfirmationAsync(PendingConfirmation confirmation, CancellationToken ct) => SaveAsync(state with { Confirmation = confirmation }, ct);

    public Task AwaitReassignmentAsync(Reassignment.PendingReassignment reassignment, CancellationToken ct) =>
        SaveAsync(state with { Pending = null, Write = null, Reassignment = reassignment }, ct);

    /// <summary>A reassignment done is the last thing done: 撤销 now answers about it, not about an earlier write.</summary>
    public Task RememberReassignmentAsync(Reassignment.PendingReassignment done, CancellationToken ct) => SaveAsync(new DialogState(null, null, Reassignment: done), ct);

    public Task ClearReassignmentAsync(CancellationToken ct) => SaveAsync(state with { Reassignment = null }, ct);

    /// <summary>After an erasure nothing about the customer stays behind: no question, no undo, no confirmation.</summary>
    public Task ClearAsync(CancellationToken ct) => SaveAsync(new DialogState(null, null), ct);

    private Task SaveAsync(DialogState next, CancellationToken ct)
    {
        state = next;
        return store.SetAsync(userId, next.Serialize(), DialogState.Lifetime, ct);
    }
}
