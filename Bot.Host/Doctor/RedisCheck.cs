using Bot.Data;
using Bot.Data.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bot.Host.Doctor;

/// <summary>Redis answers PING: the access token, deduplication and dialog state live there.</summary>
public sealed class RedisCheck(RedisConnection redis, IOptions<RedisOptions> options) : IDoctorCheck
{
    public string Subject => "Redis";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        // Only the endpoints: the configuration string may carry a password.
        var where = string.Join("、", ConfigurationOptions.Parse(options.Value.Configuration).EndPoints.Select(e => e.ToString()));
        return [await redis.IsReachableAsync()
            ? DoctorLine.Ok(Subject, $"可连接（{where}）")
            : DoctorLine.Failed(Subject, $"连不上 {where}——检查 Redis:Configuration，以及 Redis 是否在运行")];
    }
}
