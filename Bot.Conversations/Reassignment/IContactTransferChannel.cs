namespace Bot.Conversations.Reassignment;

/// <summary>
/// The channel's own transfer of customers' WeChat accounts between members (WeCom: 在职继承 for a serving member,
/// 离职继承 for one who left). A request that may or may not have reached the channel throws; the transfer is then
/// looked up with <see cref="StatesAsync"/> before it is requested again.
/// </summary>
public interface IContactTransferChannel
{
    /// <summary>At most this many accounts per request.</summary>
    const int BatchSize = 100;

    Task<TransferRequestAnswer> StartAsync(TransferBatch batch, CancellationToken ct);

    /// <summary>Every transfer between the pair the channel knows of, all pages.</summary>
    Task<IReadOnlyList<TransferState>> StatesAsync(TransferPair pair, CancellationToken ct);
}
