using Bot.Conversations.Pipeline;
using StackExchange.Redis;

namespace Bot.Data.Redis;

public sealed class RedisMessageDeduplicator(RedisConnection redis, RedisKeys keys) : IMessageDeduplicator
{
    public async Task<bool> TryMarkSeenAsync(string messageKey, TimeSpan window, CancellationToken ct) =>
        await (await redis.GetDatabaseAsync()).StringSetAsync(keys.Seen(messageKey), "1", window, When.NotExists);
}
