namespace Bot.Sandbox.Emulator;

/// <summary>
/// 客户继承 as WeCom runs it: a transfer waits 24 hours on the emulator's clock, then the taker follows the customer
/// instead of the old member — unless the customer refused meanwhile, or the taker has reached their customer limit
/// by then. Members who left (离职) go through the resigned endpoints only. What WeCom documents is followed; where it
/// does not say, the choice is marked "emulated" at <see cref="Start"/>.
/// </summary>
public sealed class TransferStore(ContactStore contacts, TimeProvider time)
{
    public const int MaxPerRequest = 100;

    /// <summary>WeCom: in 90 days a serving member's customer may be transferred at most twice.</summary>
    public const int ServingTransfersPer90Days = 2;

    public static readonly TimeSpan TakeoverDelay = TimeSpan.FromHours(24);

    private readonly Lock _lock = new();
    private readonly List<CustomerTransfer> _transfers = [];
    private readonly HashSet<string> _resigned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _atLimit = new(StringComparer.Ordinal);
    private long _nextId;

    public TransferStart Start(string? handover, string? takeover, IReadOnlyList<string> externalUserIds, bool resigned)
    {
        if (externalUserIds.Count == 0)
            return new TransferStart(EmulatorErrors.MissingExternalUserId, []);
        // Emulated: WeCom documents the limit of 100, not the code it answers beyond it.
        if (externalUserIds.Count > MaxPerRequest)
            return new TransferStart(EmulatorErrors.InvalidParameter, []);
        // Emulated: the code for a missing member is not documented for these endpoints.
        if (string.IsNullOrEmpty(handover) || string.IsNullOrEmpty(takeover))
            return new TransferStart(EmulatorErrors.InvalidUserId, []);
        if (handover == takeover)
            return new TransferStart(EmulatorErrors.SameHandoverAndTakeover, []);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (resigned && !_resigned.Contains(handover))
                return new TransferStart(EmulatorErrors.MemberNotResigned, []);
            // Emulated: a member who left is no longer in the directory, so the serving endpoint does not know them.
            if (!resigned && _resigned.Contains(handover))
                return new TransferStart(EmulatorErrors.UserIdNotFound, []);
            var answers = new List<(string, int)>();
            foreach (var id in externalUserIds)
            {
                var code = CustomerError(handover, id, resigned, now);
                if (code == 0)
                    _transfers.Add(new CustomerTransfer(++_nextId, handover, takeover, id, resigned, now) { TakeoverTime = now + TakeoverDelay });
                answers.Add((id, code));
            }
            return new TransferStart(0, answers);
        }
    }

    /// <summary>Every transfer between the pair through that endpoint, the latest per customer.</summary>
    public IReadOnlyList<CustomerTransfer> Between(string handover, string takeover, bool resigned)
    {
        lock (_lock)
        {
            return [.. _transfers.Where(t => t.HandoverUserId == handover && t.TakeoverUserId == takeover && t.Resigned == resigned)
                .GroupBy(t => t.ExternalUserId).Select(g => g.MaxBy(t => t.Id)!).OrderBy(t => t.Id)];
        }
    }

    public IReadOnlyList<CustomerTransfer> All()
    {
        lock (_lock)
            return [.. _transfers];
    }

    /// <summary>The customer taps 拒绝 on the transfer waiting for them; null when none is waiting.</summary>
    public CustomerTransfer? Refuse(string externalUserId)
    {
        lock (_lock)
        {
            var index = _transfers.FindLastIndex(t => t.ExternalUserId == externalUserId && t.Status == 2);
            if (index < 0)
                return null;
            _transfers[index] = _transfers[index] with { Status = 3, TakeoverTime = null };
            return _transfers[index];
        }
    }

    /// <summary>The member has as many customers as WeCom allows (or room again): transfers to them fail at takeover time.</summary>
    public void SetAtLimit(string userId, bool atLimit)
    {
        lock (_lock)
        {
            if (atLimit)
                _atLimit.Add(userId);
            else
                _atLimit.Remove(userId);
        }
    }

    /// <summary>The member left the company: their customers wait for 离职继承.</summary>
    public void Resign(string userId)
    {
        lock (_lock)
            _resigned.Add(userId);
    }

    /// <summary>
    /// Transfers whose 24 hours have passed on the emulator's clock end: taken over (the taker follows the customer,
    /// the old member no longer does), or status 4 when the taker is at their limit. Returns those that failed.
    /// </summary>
    public IReadOnlyList<CustomerTransfer> Settle()
    {
        var now = time.GetUtcNow();
        var failed = new List<CustomerTransfer>();
        lock (_lock)
        {
            for (var i = 0; i < _transfers.Count; i++)
            {
                var t = _transfers[i];
                if (t.Status != 2 || t.TakeoverTime > now)
                    continue;
                if (_atLimit.Contains(t.TakeoverUserId))
                {
                    _transfers[i] = t with { Status = 4, TakeoverTime = null };
                    failed.Add(_transfers[i]);
                    continue;
                }
                _transfers[i] = t with { Status = 1 };
                contacts.MoveFollow(t.HandoverUserId, t.TakeoverUserId, t.ExternalUserId, t.TakeoverTime!.Value);
            }
        }
        return failed;
    }

    public void Reset()
    {
        lock (_lock)
        {
            _transfers.Clear();
            _resigned.Clear();
            _atLimit.Clear();
        }
    }

    private int CustomerError(string handover, string externalUserId, bool resigned, DateTimeOffset now)
    {
        if (contacts.Get(externalUserId) is null)
            return EmulatorErrors.InvalidExternalUserId;
        if (!contacts.IsFollowing(handover, externalUserId))
            return EmulatorErrors.NotHandoversCustomer;
        if (_transfers.Any(t => t.ExternalUserId == externalUserId && t.Status == 2))
            return EmulatorErrors.AlreadyTransferring;
        if (!resigned && _transfers.Count(t => t.ExternalUserId == externalUserId && !t.Resigned && now - t.StartedAt < TimeSpan.FromDays(90)) >= ServingTransfersPer90Days)
            return EmulatorErrors.TransferredTooOften;
        return 0;
    }
}
