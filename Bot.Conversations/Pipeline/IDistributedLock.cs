namespace Bot.Conversations.Pipeline;

public interface IDistributedLock
{
    /// <summary>
    /// Takes the named lock for at most <paramref name="lease"/>, or returns null when another holder has it.
    /// Disposing the handle releases the lock only if it is still ours.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken ct);
}
