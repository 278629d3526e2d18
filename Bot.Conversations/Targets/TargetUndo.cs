using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Targets;

/// <summary>A target set from chat; 撤销 puts back the one it replaced, or removes it when there was none.</summary>
public sealed record TargetSet(SalesTarget Now, SalesTarget? Previous) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => Previous is null
        ? stores.Targets.RemoveAsync(Now.UserId, Now.Scope, Now.Period, ct)
        : stores.Targets.SetAsync(Previous, ct);
}
