using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Targets;

/// <summary>
/// A target set from chat; 撤销 puts back the one it replaced, or removes it when there was none. A rep who was told
/// of the target (<see cref="ToldUserId"/>) is told it was taken back.
/// </summary>
public sealed record TargetSet(SalesTarget Now, SalesTarget? Previous, string? ToldUserId = null, string? Withdrawn = null) : UndoRecord
{
    public override async Task TakeBackAsync(WriteStores stores, CancellationToken ct)
    {
        if (Previous is null)
            await stores.Targets.RemoveAsync(Now.UserId, Now.Scope, Now.Period, ct);
        else
            await stores.Targets.SetAsync(Previous, ct);
        if (ToldUserId is not null && Withdrawn is not null)
        {
            await stores.Notices.QueueAsync(new ScheduledOutput([new ScheduledNotice(
                $"target:withdrawn:{Now.UserId}:{Now.Period.Start:yyyyMM}:{Now.SetAt.ToUnixTimeMilliseconds()}", ToldUserId, Reply.Plain(Withdrawn))]), ct);
        }
    }
}
