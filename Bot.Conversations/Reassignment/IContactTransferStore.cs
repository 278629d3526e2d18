namespace Bot.Conversations.Reassignment;

/// <summary>The durable record of every WeChat account transfer, from queued to how it ended.</summary>
public interface IContactTransferStore
{
    /// <summary>
    /// Marks up to <paramref name="limit"/> queued transfers (of one reassignment when given) as being requested now and
    /// returns them; whether the member handing over has left is read at this moment.
    /// </summary>
    Task<IReadOnlyList<PendingTransfer>> ClaimAsync(long? reassignmentId, DateTimeOffset now, int limit, CancellationToken ct);

    /// <summary>The channel's code per claimed transfer: 0 started (now waiting, checked as of now), anything else failed.</summary>
    Task RecordStartedAsync(IReadOnlyList<(long Id, int ErrCode)> answers, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// The pairs to ask the channel about: with a waiting transfer not checked since <paramref name="checkedBefore"/>
    /// or past its takeover time, or a request left unanswered since <paramref name="requestedBefore"/>.
    /// </summary>
    Task<IReadOnlyList<TransferPair>> DueForCheckAsync(DateTimeOffset now, DateTimeOffset checkedBefore, DateTimeOffset requestedBefore, CancellationToken ct);

    /// <summary>
    /// The channel's answer for a pair: waiting transfers take their new status; an unanswered request the channel
    /// knows is waiting, and one it has no record of is queued again (failed after <paramref name="maxAttempts"/>).
    /// </summary>
    Task RecordStatesAsync(TransferPair pair, IReadOnlyList<TransferState> states, DateTimeOffset now, DateTimeOffset requestedBefore, int maxAttempts, CancellationToken ct);

    /// <summary>The open transfer of this account to this member ends refused or at the taker's limit; null when there was none.</summary>
    Task<FailedTransfer?> FailAsync(string takeoverUserId, string externalUserId, TransferStatus status, string reason, DateTimeOffset now, CancellationToken ct);

    /// <summary>Transfers that ended with the account still at the old rep, whose reps have not been told.</summary>
    Task<IReadOnlyList<FailedTransfer>> UntoldFailuresAsync(CancellationToken ct);

    Task MarkToldAsync(IReadOnlyList<long> ids, DateTimeOffset now, CancellationToken ct);

    /// <summary>Transfers of reassignments since <paramref name="since"/> and every one still open, newest first.</summary>
    Task<IReadOnlyList<TransferRecord>> ListAsync(DateTimeOffset since, CancellationToken ct);
}
