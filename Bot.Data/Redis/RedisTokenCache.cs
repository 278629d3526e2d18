using Bot.Conversations.Pipeline;

namespace Bot.Data.Redis;

public sealed class RedisTokenCache(RedisConnection redis, RedisKeys keys) : ITokenCache
{
    public async Task<string?> GetAsync(string name, CancellationToken ct)
    {
        var value = await (await redis.GetDatabaseAsync()).StringGetAsync(keys.Token(name));
        return value.IsNull ? null : (string?)value;
    }

    public async Task SetAsync(string name, string token, TimeSpan timeToLive, CancellationToken ct) =>
        await (await redis.GetDatabaseAsync()).StringSetAsync(keys.Token(name), token, timeToLive);

    public async Task InvalidateAsync(string name, CancellationToken ct) =>
        await (await redis.GetDatabaseAsync()).KeyDeleteAsync(keys.Token(name));
}
