using Bot.Conversations.Pipeline;

namespace Bot.Data.Redis;

public sealed class RedisDistributedLock(RedisConnection redis, RedisKeys keys) : IDistributedLock
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken ct)
    {
        var db = await redis.GetDatabaseAsync();
        var key = keys.Lock(name);
        var token = Guid.NewGuid().ToString("N");
        // LockTake is SET NX with expiry; LockRelease deletes only when the value is still our token,
        // so a holder whose lease ran out cannot release the next holder's lock.
        return await db.LockTakeAsync(key, token, lease) ? new Handle(db, key, token) : null;
    }

    private sealed class Handle(StackExchange.Redis.IDatabase db, string key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.LockReleaseAsync(key, token);
    }
}
