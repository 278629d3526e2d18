namespace Bot.Conversations.Operations;

/// <summary>Whether PostgreSQL and Redis answer, for /readyz and the doctor.</summary>
public interface IStorageProbes
{
    Task<bool> DatabaseReachableAsync(CancellationToken ct);

    Task<bool> RedisReachableAsync();

    /// <summary>Redis's host:port list, without the password its configuration may carry.</summary>
    string RedisEndpoints { get; }
}
