using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bot.Data.Redis;

/// <summary>The one shared multiplexer, connected on first use so the host starts even while Redis is still coming up.</summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() =>
    {
        var config = ConfigurationOptions.Parse(options.Value.Configuration);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 2000;
        return ConnectionMultiplexer.ConnectAsync(config);
    });

    public async Task<IDatabase> GetDatabaseAsync() => (await _multiplexer.Value).GetDatabase();

    public async Task<bool> IsReachableAsync()
    {
        try
        {
            var db = await GetDatabaseAsync();
            await db.PingAsync();
            return true;
        }
        catch (RedisException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
            _multiplexer.Value.Result.Dispose();
    }
}
