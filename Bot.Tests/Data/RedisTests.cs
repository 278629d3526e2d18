using Bot.Conversations.Pipeline;
using Bot.Data.Redis;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Data;

public sealed class RedisTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();
    private readonly ServiceProvider _services;

    public RedisTests() => _services = BotServices.Create("Host=127.0.0.1;Database=unused", _prefix);

    public void Dispose() => _services.Dispose();

    private T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Polls instead of sleeping a guessed amount: expiry is Redis's job, not a race we time.</summary>
    private static async Task<bool> BecomesTrueWithin(TimeSpan limit, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
                return true;
            await Task.Delay(50);
        }
        return false;
    }

    [Fact]
    public async Task Deduplicator_SecondDeliveryOfSameKey_IsRefused()
    {
        var dedup = Get<IMessageDeduplicator>();

        Assert.True(await dedup.TryMarkSeenAsync("msg-1", TimeSpan.FromMinutes(1), None));
        Assert.False(await dedup.TryMarkSeenAsync("msg-1", TimeSpan.FromMinutes(1), None));
        Assert.True(await dedup.TryMarkSeenAsync("msg-2", TimeSpan.FromMinutes(1), None));
    }

    [Fact]
    public async Task TokenCache_SetGetInvalidate()
    {
        var cache = Get<ITokenCache>();
        await cache.SetAsync("wecom:app", "tok-123", TimeSpan.FromMinutes(1), None);
        Assert.Equal("tok-123", await cache.GetAsync("wecom:app", None));
        await cache.InvalidateAsync("wecom:app", None);
        Assert.Null(await cache.GetAsync("wecom:app", None));
    }

    [Fact]
    public async Task Lock_IsExclusiveUntilReleased()
    {
        var locks = Get<IDistributedLock>();

        var first = await locks.TryAcquireAsync("refresh", TimeSpan.FromSeconds(30), None);
        Assert.NotNull(first);
        Assert.Null(await locks.TryAcquireAsync("refresh", TimeSpan.FromSeconds(30), None));
        Assert.NotNull(await locks.TryAcquireAsync("other", TimeSpan.FromSeconds(30), None));

        await first.DisposeAsync();
        Assert.NotNull(await locks.TryAcquireAsync("refresh", TimeSpan.FromSeconds(30), None));
    }

    [Fact]
    public async Task Lock_ExpiredHolderReleasing_DoesNotFreeTheNextHoldersLock()
    {
        var locks = Get<IDistributedLock>();
        var stale = await locks.TryAcquireAsync("job", TimeSpan.FromMilliseconds(200), None);
        Assert.NotNull(stale);

        IAsyncDisposable? current = null;
        Assert.True(await BecomesTrueWithin(TimeSpan.FromSeconds(5),
            async () => (current = await locks.TryAcquireAsync("job", TimeSpan.FromSeconds(30), None)) is not null));
        await stale.DisposeAsync();

        Assert.Null(await locks.TryAcquireAsync("job", TimeSpan.FromSeconds(30), None));
        await current!.DisposeAsync();
    }
}
