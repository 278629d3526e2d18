using Bot.Conversations.Dialogs;

namespace Bot.Data.Redis;

public sealed class RedisDialogStateStore(RedisConnection redis, RedisKeys keys) : IDialogStateStore
{
    public async Task<string?> GetAsync(string userId, CancellationToken ct)
    {
        var value = await (await redis.GetDatabaseAsync()).StringGetAsync(keys.Dialog(userId));
        return value.IsNull ? null : (string?)value;
    }

    public async Task SetAsync(string userId, string state, TimeSpan timeToLive, CancellationToken ct) =>
        await (await redis.GetDatabaseAsync()).StringSetAsync(keys.Dialog(userId), state, timeToLive);

    public async Task RemoveAsync(string userId, CancellationToken ct) =>
        await (await redis.GetDatabaseAsync()).KeyDeleteAsync(keys.Dialog(userId));
}
