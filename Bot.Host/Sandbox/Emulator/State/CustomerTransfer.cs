namespace Bot.Sandbox.Emulator;

/// <summary>
/// One customer handed from one member to another (在职继承, or 离职继承 when <see cref="Resigned"/>). Status as
/// transfer_result reports it: 1 taken over, 2 waiting (until <see cref="TakeoverTime"/>), 3 refused, 4 the taker's limit.
/// </summary>
public sealed record CustomerTransfer(long Id, string HandoverUserId, string TakeoverUserId, string ExternalUserId, bool Resigned, DateTimeOffset StartedAt)
{
    public int Status { get; init; } = 2;

    public DateTimeOffset? TakeoverTime { get; init; }
}

/// <summary>The answer to a transfer request: the request's own errcode, or one per customer.</summary>
public sealed record TransferStart(int Errcode, IReadOnlyList<(string ExternalUserId, int Errcode)> Customers);
