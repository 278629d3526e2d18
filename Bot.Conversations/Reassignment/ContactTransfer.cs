namespace Bot.Conversations.Reassignment;

/// <summary>Where the channel's transfer of one customer's WeChat account stands (the numbers are WeCom's transfer_result status).</summary>
public enum TransferStatus
{
    TakenOver = 1,
    Waiting = 2,
    Refused = 3,
    /// <summary>The member taking over has as many customers as WeCom allows.</summary>
    TakerAtLimit = 4,
    NoRecord = 5,
}

/// <summary>The members a transfer goes between; <paramref name="Resigned"/>: the one handing over has left.</summary>
public sealed record TransferPair(string HandoverUserId, string TakeoverUserId, bool Resigned);

/// <summary>A transfer about to be requested.</summary>
public sealed record PendingTransfer(long Id, string ExternalUserId, TransferPair Pair, string TakeoverName);

/// <summary>A transfer that ended with the customer's account still at the old rep, with what the reps are told.</summary>
public sealed record FailedTransfer(
    long Id, TransferStatus Status, string CustomerName, string ContactName,
    string HandoverUserId, string HandoverName, bool HandoverActive, string TakeoverUserId, string TakeoverName, bool TakeoverActive);

/// <summary>One transfer as `reassign status` lists it; <see cref="State"/> is the stored state (pending … failed).</summary>
public sealed record TransferRecord(
    long Id, long ReassignmentId, DateTimeOffset ReassignedAt, string CustomerName, string ContactName, string ExternalUserId,
    string HandoverUserId, string HandoverName, string TakeoverUserId, string TakeoverName, bool? Resigned, string State,
    int? ErrCode, int? Status, DateTimeOffset? RequestedAt, DateTimeOffset? TakeoverTime, DateTimeOffset? CheckedAt);

/// <summary>The channel's own answer for one account (from transfer_result).</summary>
public sealed record TransferState(string ExternalUserId, TransferStatus Status, DateTimeOffset? TakeoverTime);

/// <summary>The answer to a transfer request: the request's own refusal (0 when it was taken), else a code per account (0 = started).</summary>
public sealed record TransferRequestAnswer(int RequestError, IReadOnlyDictionary<string, int> PerAccount);

/// <param name="SuccessMessage">What the customer reads once taken over (only a serving member's transfer carries one).</param>
public sealed record TransferBatch(TransferPair Pair, IReadOnlyList<string> ExternalUserIds, string? SuccessMessage);
