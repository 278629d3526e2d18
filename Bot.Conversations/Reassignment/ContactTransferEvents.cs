using Bot.Conversations.Pipeline;

namespace Bot.Conversations.Reassignment;

/// <summary>
/// The channel reports a transfer that failed (WeCom: change_external_contact / transfer_fail): the customer refused,
/// or the member taking over has no room. The account stays with the old rep, and both reps hear it now rather than
/// at the next check.
/// </summary>
public sealed class ContactTransferEvents(IContactTransferStore store, TimeProvider clock)
{
    /// <returns>The notices to send with the event's own transaction; none when the transfer was already settled.</returns>
    public async Task<IReadOnlyList<ScheduledNotice>> OnTransferFailedAsync(
        string takeoverUserId, string externalUserId, TransferStatus status, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await store.FailAsync(takeoverUserId, externalUserId, status, reason, now, ct) is not { } failed)
            return [];
        await store.MarkToldAsync([failed.Id], now, ct);
        return ContactTransferNotices.For(failed);
    }
}
