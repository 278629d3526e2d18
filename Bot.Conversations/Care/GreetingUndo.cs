using Bot.Conversations.Dialogs;

namespace Bot.Conversations.Care;

/// <summary>A greeting skipped, rewritten or restored; 撤销 puts back the change it had before, or none.</summary>
public sealed record GreetingChanged(string Key, GreetingChange? Previous) : UndoRecord
{
    public override Task TakeBackAsync(WriteStores stores, CancellationToken ct) =>
        Previous is null ? stores.Greetings.RemoveAsync(Key, ct) : stores.Greetings.SaveAsync(Previous, ct);
}
