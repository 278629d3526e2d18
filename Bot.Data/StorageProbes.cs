using Bot.Conversations.Operations;
using Bot.Data.Postgres;
using Bot.Data.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bot.Data;

public sealed class StorageProbes(DatabaseProbe database, RedisConnection redis, IOptions<RedisOptions> options) : IStorageProbes
{
    public Task<bool> DatabaseReachableAsync(CancellationToken ct) => database.IsReachableAsync(ct);

    public Task<bool> RedisReachableAsync() => redis.IsReachableAsync();

    public string RedisEndpoints => string.Join("、", ConfigurationOptions.Parse(options.Value.Configuration).EndPoints.Select(e => e.ToString()));
}
