using Bot.Conversations.Pipeline;
using Microsoft.Extensions.Logging;

namespace Bot.Conversations.Reassignment;

/// <summary>A transfer just requested and the channel's code for it; null when the request got no answer.</summary>
public sealed record TransferAttempt(PendingTransfer Transfer, int? ErrCode);

public sealed record TransferRunResult(IReadOnlyList<TransferAttempt> Requested, int PairsChecked, int Told);

/// <summary>
/// Moves the queued WeChat account transfers along: requests them from the channel (at most 100 accounts per call,
/// per pair of members), asks the channel how the open ones stand, and tells both reps of every transfer that left
/// the account with the old rep. Each step starts from the durable record, so a run that dies anywhere is finished by
/// the next one without asking the channel twice for the same transfer.
/// </summary>
public sealed class ContactTransferRun(IContactTransferStore store, IContactTransferChannel channel, INoticeOutbox outbox, ILogger<ContactTransferRun> logger)
{
    /// <summary>How often a waiting transfer is looked at before its takeover time.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(30);

    /// <summary>A request unanswered for this long is looked up rather than waited for.</summary>
    public static readonly TimeSpan RequestLease = TimeSpan.FromMinutes(5);

    private const int MaxAttempts = 3;
    private const int ClaimLimit = 1000;

    public async Task<TransferRunResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var requested = await RequestAsync(null, now, ct);
        var checkedPairs = await CheckAsync(now, ct);
        var told = await TellFailuresAsync(now, ct);
        return new TransferRunResult(requested, checkedPairs, told);
    }

    /// <summary>Requests the queued transfers (of one reassignment when given) and records each answer.</summary>
    public async Task<IReadOnlyList<TransferAttempt>> RequestAsync(long? reassignmentId, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = await store.ClaimAsync(reassignmentId, now, ClaimLimit, ct);
        var attempts = new List<TransferAttempt>();
        foreach (var group in claimed.GroupBy(t => t.Pair))
        {
            foreach (var batch in group.Chunk(IContactTransferChannel.BatchSize))
            {
                var message = group.Key.Resigned ? null : $"您好，后续将由我的同事{batch[0].TakeoverName}接替我的工作，继续为您服务。";
                TransferRequestAnswer answer;
                try
                {
                    answer = await channel.StartAsync(new TransferBatch(group.Key, [.. batch.Select(t => t.ExternalUserId)], message), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // Left as being requested: the next run asks the channel whether it arrived before trying again.
                    logger.LogWarning(ex, "Transfer request {Handover} → {Takeover} got no answer; {Count} transfers will be looked up", group.Key.HandoverUserId, group.Key.TakeoverUserId, batch.Length);
                    attempts.AddRange(batch.Select(t => new TransferAttempt(t, null)));
                    continue;
                }
                var codes = batch
                    .Select(t => (t, Code: answer.RequestError != 0 ? answer.RequestError : answer.PerAccount.TryGetValue(t.ExternalUserId, out var c) ? c : (int?)null))
                    .ToList();
                await store.RecordStartedAsync([.. codes.Where(c => c.Code is not null).Select(c => (c.t.Id, c.Code!.Value))], now, ct);
                attempts.AddRange(codes.Select(c => new TransferAttempt(c.t, c.Code)));
            }
        }
        if (attempts.Count > 0)
            logger.LogInformation("Requested {Count} WeChat account transfers: {Started} started", attempts.Count, attempts.Count(a => a.ErrCode == 0));
        return attempts;
    }

    private async Task<int> CheckAsync(DateTimeOffset now, CancellationToken ct)
    {
        var requestedBefore = now - RequestLease;
        var pairs = await store.DueForCheckAsync(now, now - CheckEvery, requestedBefore, ct);
        foreach (var pair in pairs)
        {
            IReadOnlyList<TransferState> states;
            try
            {
                states = await channel.StatesAsync(pair, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not read the transfers {Handover} → {Takeover}; trying again next run", pair.HandoverUserId, pair.TakeoverUserId);
                continue;
            }
            await store.RecordStatesAsync(pair, states, now, requestedBefore, MaxAttempts, ct);
        }
        return pairs.Count;
    }

    private async Task<int> TellFailuresAsync(DateTimeOffset now, CancellationToken ct)
    {
        var failed = await store.UntoldFailuresAsync(ct);
        if (failed.Count == 0)
            return 0;
        var notices = failed.SelectMany(ContactTransferNotices.For).ToList();
        await outbox.QueueAsync(new ScheduledOutput(notices, token => store.MarkToldAsync([.. failed.Select(f => f.Id)], now, token)), ct);
        return failed.Count;
    }
}
