using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Reminders;

/// <summary>A reminder created; 撤销 deletes it.</summary>
public sealed record ReminderAdded(long Id) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Reminders.DeleteAsync(Id, ct);
}

/// <summary>An open follow-up an interaction took over; 撤销 gives back its due time and where it came from.</summary>
public sealed record ReminderTakenOver(long Id, DateTimeOffset DueBefore, string SourceBefore) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Reminders.RestoreAsync(Id, DueBefore, SourceBefore, ct);
}

/// <summary>The rep's reminder completed or moved; 撤销 reopens it at the time it was due.</summary>
public sealed record ReminderChanged(long Id, long RepId, DateTimeOffset DueBefore) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) => stores.Reminders.ReopenAsync(Id, RepId, DueBefore, ct);
}

/// <summary>A follow-up a manager assigned; 撤销 deletes it and tells the rep it was called off.</summary>
public sealed record AssignmentAdded(long Id, string RepUserId, string ManagerName, string Task) : UndoRecord
{
    public override async Task TakeBackAsync(WriteStores stores, CancellationToken ct)
    {
        await stores.Reminders.DeleteAsync(Id, ct);
        await stores.Notices.QueueAsync(new Pipeline.ScheduledOutput([new Pipeline.ScheduledNotice(
            $"assign:cancelled:{Id}", RepUserId, Pipeline.Reply.Plain($"{ManagerName}取消了刚才安排的跟进：{Task}。"))]), ct);
    }
}
