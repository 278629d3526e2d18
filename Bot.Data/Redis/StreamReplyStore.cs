using System.Text.Json;
using Bot.Conversations.Pipeline;

namespace Bot.Data.Redis;

/// <summary>
/// The AI bot pulls a reply by polling with its stream id; the worker that produced the answer and the host
/// that receives the poll may be different processes, so the reply lives in Redis for the stream's lifetime.
/// </summary>
public sealed class StreamReplyStore(RedisConnection redis, RedisKeys keys) : IStreamReplies
{
    // WeCom stops polling 6 minutes after the user's message.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task SetAsync(string streamId, StreamReply reply) =>
        await (await redis.GetDatabaseAsync()).StringSetAsync(keys.Stream(streamId), JsonSerializer.Serialize(reply), Lifetime);

    public async Task<StreamReply?> GetAsync(string streamId)
    {
        var value = await (await redis.GetDatabaseAsync()).StringGetAsync(keys.Stream(streamId));
        return value.IsNull ? null : JsonSerializer.Deserialize<StreamReply>((string)value!);
    }
}
