using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Deals;

/// <summary>A deal opened from chat; 撤销 deletes it.</summary>
public sealed record DealAdded(long Id) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Deals.DeleteAsync(Id, ct);
}

/// <summary>A deal changed from chat (amount, date, stage); 撤销 puts every field back as it was.</summary>
public sealed record DealChanged(Deal Previous) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Deals.RestoreAsync(Previous, ct);
}
