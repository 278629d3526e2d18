using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Merging;

/// <summary>A merge done in chat; 撤销 (or a correction) undoes it as the admin who did it.</summary>
public sealed record CustomersMerged(long AuditId, long? ActorId, string Actor) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Merges.UndoAsync(AuditId, ActorId, Actor, ct);
}
