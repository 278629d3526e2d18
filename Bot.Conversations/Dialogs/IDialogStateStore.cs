namespace Bot.Conversations.Dialogs;

/// <summary>
/// Per-user conversation state (a pending question, the last record for 撤销) that must
/// survive a restart and be shared by every host, but expire on its own.
/// </summary>
public interface IDialogStateStore
{
    Task<string?> GetAsync(string userId, CancellationToken ct);

    Task SetAsync(string userId, string state, TimeSpan timeToLive, CancellationToken ct);

    Task RemoveAsync(string userId, CancellationToken ct);
}
