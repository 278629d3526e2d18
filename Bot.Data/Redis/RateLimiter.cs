namespace Bot.Data.Redis;

/// <summary>
/// Fixed one-minute windows counted in Redis, so every process of the deployment shares one budget
/// per recipient and per app.
/// </summary>
public sealed class RateLimiter(RedisConnection redis, RedisKeys keys, TimeProvider clock)
{
    /// <summary>Takes one unit from <paramref name="scope"/>'s budget for this minute, or says when the next minute starts.</summary>
    public async Task<(bool Allowed, DateTimeOffset RetryAt)> TryTakeAsync(string scope, int perMinute)
    {
        var now = clock.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var db = await redis.GetDatabaseAsync();
        var key = keys.Rate(scope, minute);
        var count = await db.StringIncrementAsync(key);
        if (count == 1)
            await db.KeyExpireAsync(key, TimeSpan.FromMinutes(2));
        if (count <= perMinute)
            return (true, now);
        // Give the unit back so a refused attempt does not eat next retries' budget in this window.
        await db.StringDecrementAsync(key);
        return (false, DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60));
    }
}
