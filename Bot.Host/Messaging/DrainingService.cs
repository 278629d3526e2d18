namespace Bot.Host.Messaging;

/// <summary>
/// A background service whose started work outlives the stop request. Stopping ends the claiming of new work at once;
/// work already started runs to its end unless the host's shutdown timeout runs out first. Cutting a message off half
/// way would roll it back to be handled again, and cutting a send off half way may leave it delivered by WeCom yet
/// unrecorded here, so sent twice.
/// </summary>
public abstract class DrainingService : BackgroundService
{
    private readonly CancellationTokenSource _shutdownTimedOut = new();

    /// <summary>Cancelled only when the host gives up waiting: what in-flight work passes down.</summary>
    protected CancellationToken ShutdownTimedOut => _shutdownTimedOut.Token;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(_shutdownTimedOut.Cancel))
            await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _shutdownTimedOut.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
