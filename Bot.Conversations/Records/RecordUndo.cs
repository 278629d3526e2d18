using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Records;

/// <summary>An earlier record deleted or edited from chat; 撤销 puts it back as its audit entry kept it.</summary>
public sealed record RecordChanged(long AuditId, long ActorId) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Records.RestoreAsync(AuditId, ActorId, ct);
}
