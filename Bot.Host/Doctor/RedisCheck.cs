using Bot.Conversations.Operations;

namespace Bot.Host.Doctor;

/// <summary>Redis answers PING: the access token, deduplication and dialog state live there.</summary>
public sealed class RedisCheck(IStorageProbes probes) : IDoctorCheck
{
    public string Subject => "Redis";

    public async Task<IReadOnlyList<DoctorLine>> RunAsync(CancellationToken ct)
    {
        var where = probes.RedisEndpoints;
        return [await probes.RedisReachableAsync()
            ? DoctorLine.Ok(Subject, $"可连接（{where}）")
            : DoctorLine.Failed(Subject, $"连不上 {where}——检查 Redis:Configuration，以及 Redis 是否在运行")];
    }
}
