using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Bot.Host.Messaging;

/// <summary>
/// While PostgreSQL or Redis is down every callback and every poll fails the same way: one warning line per place
/// and interval (with how many failures it stands for), not a stack trace per request.
/// </summary>
public sealed class OutageLog(ILogger<OutageLog> logger, TimeProvider clock)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Logged, int Since)> _places = new();

    /// <summary>A failure that means storage is unreachable (as opposed to a bug, which deserves its stack trace).</summary>
    public static bool IsOutage(Exception ex) =>
        ex is Npgsql.NpgsqlException or TimeoutException or SocketException or StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException
        || (ex.InnerException is { } inner && IsOutage(inner));

    /// <summary>Counts <paramref name="ex"/> against <paramref name="place"/> if it is an outage; false for any other failure.</summary>
    public bool TryReport(string place, Exception ex)
    {
        if (!IsOutage(ex))
            return false;
        Report(place, ex);
        return true;
    }

    public void Report(string place, Exception ex)
    {
        var now = clock.GetUtcNow();
        var entry = _places.AddOrUpdate(place, _ => (DateTimeOffset.MinValue, 1), (_, e) => (e.Logged, e.Since + 1));
        if (now - entry.Logged < Interval)
            return;
        _places[place] = (now, 0);
        logger.LogWarning("{Place}: storage unavailable ({Count} failures since the last line): {Error}", place, entry.Since, ex.Message);
    }
}

/// <summary>Callbacks during a storage outage answer 503, so WeCom retries them later; nothing was acknowledged, nothing is lost.</summary>
public sealed class StorageOutageFilter(OutageLog outages) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (OutageLog.IsOutage(ex))
        {
            outages.Report("callback " + context.HttpContext.Request.Path, ex);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
