using Bot.Conversations.Pipeline;

namespace Bot.Data.Redis;

/// <summary>
/// Fixed windows counted in Redis, so every process of the deployment shares one budget per recipient and per app.
/// </summary>
public sealed class RateLimiter(RedisConnection redis, RedisKeys keys, TimeProvider clock) : IRateLimiter
{
    /// <summary>Takes one unit from <paramref name="scope"/>'s budget for this minute, or says when the next minute starts.</summary>
    public Task<(bool Allowed, DateTimeOffset RetryAt)> TryTakeAsync(string scope, int perMinute) =>
        TryTakeAsync(scope, perMinute, TimeSpan.FromMinutes(1));

    /// <summary>
    /// A per-minute budget spent in six ten-second slices, so a big fan-out reaches the API as a steady stream
    /// instead of a burst at the top of each minute (which invites WeCom's 45033 concurrency limit).
    /// </summary>
    public Task<(bool Allowed, DateTimeOffset RetryAt)> TryTakeSmoothedAsync(string scope, int perMinute) =>
        perMinute >= 6 ? TryTakeAsync(scope, perMinute / 6, TimeSpan.FromSeconds(10)) : TryTakeAsync(scope, perMinute);

    private async Task<(bool Allowed, DateTimeOffset RetryAt)> TryTakeAsync(string scope, int perWindow, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        var seconds = (long)window.TotalSeconds;
        var slot = now.ToUnixTimeSeconds() / seconds;
        var db = await redis.GetDatabaseAsync();
        var key = keys.Rate(scope, seconds, slot);
        var count = await db.StringIncrementAsync(key);
        if (count == 1)
            await db.KeyExpireAsync(key, window * 2);
        if (count <= perWindow)
            return (true, now);
        // Give the unit back so a refused attempt does not eat next retries' budget in this window.
        await db.StringDecrementAsync(key);
        return (false, DateTimeOffset.FromUnixTimeSeconds((slot + 1) * seconds));
    }
}
