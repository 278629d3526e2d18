using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Customers;

/// <summary>An interaction logged; 撤销 deletes it.</summary>
public sealed record InteractionAdded(long Id) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Interactions.DeleteAsync(Id, ct);
}

/// <summary>A stage moved; 撤销 puts back the stage and the time it had been in it, and drops the history entry.</summary>
public sealed record StageChanged(long CustomerId, string Previous, DateTimeOffset PreviousSince) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) =>
        stores.Customers.RevertStageAsync(CustomerId, FunnelStages.FromCode(Previous), PreviousSince, ct);
}

/// <summary>An order recorded for a won deal; 撤销 deletes it.</summary>
public sealed record OrderAdded(long Id) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Orders.DeleteAsync(Id, ct);
}

/// <summary>A customer created; 撤销 deletes it.</summary>
public sealed record CustomerCreated(long Id) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Customers.DeleteCreatedAsync(Id, ct);
}
