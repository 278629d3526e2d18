using System.Threading.Channels;

namespace Bot.Host.Messaging;

/// <summary>Wakes the inbound worker the moment a callback is stored, instead of waiting for its next poll.</summary>
public sealed class InboundSignal
{
    // One pending wake-up is enough however many callbacks arrive meanwhile.
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Nudge() => _signal.Writer.TryWrite(true);

    /// <summary>Returns when nudged or after <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _signal.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed; look for work from other processes and expired leases.
        }
    }
}
