using Microsoft.Extensions.Options;

namespace Bot.Data.Redis;

/// <summary>The only place Redis key names are built; everything sits under the configured prefix.</summary>
public sealed class RedisKeys(IOptions<RedisOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix;

    public string Seen(string messageKey) => $"{_prefix}:seen:{messageKey}";

    public string Token(string name) => $"{_prefix}:token:{name}";

    public string Lock(string name) => $"{_prefix}:lock:{name}";

    /// <summary>One fixed window of a rate budget: minute windows keep their plain form, others name their length.</summary>
    public string Rate(string scope, long windowSeconds, long slot) =>
        windowSeconds == 60 ? $"{_prefix}:rate:{scope}:{slot}" : $"{_prefix}:rate:{scope}:{windowSeconds}s:{slot}";
}
