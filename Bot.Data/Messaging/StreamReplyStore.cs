using System.Text.Json;
using Bot.Conversations.Pipeline;
using Dapper;
using Npgsql;

namespace Bot.Data.Messaging;

/// <summary>
/// The AI bot pulls a reply by polling with its stream id, possibly from another host than the one whose worker
/// answered. The answer is stored inside the message's transaction, so it is there exactly when the message's
/// records are, whatever fails after the commit.
/// </summary>
public sealed class StreamReplyStore(NpgsqlDataSource dataSource, TimeProvider clock) : IStreamReplies
{
    // WeCom stops polling 6 minutes after the user's message.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string GetSql = "select reply from stream_replies where stream_id = @StreamId and expires_at > @Now";

    // Expired answers are swept a few at a time by the writers, skipping any another transaction holds.
    private const string SetSql = """
        with swept as (
            delete from stream_replies where stream_id in (
                select stream_id from stream_replies where expires_at < @Now limit 20 for update skip locked))
        insert into stream_replies (stream_id, reply, expires_at) values (@StreamId, @Reply, @ExpiresAt)
        on conflict (stream_id) do update set reply = excluded.reply, expires_at = excluded.expires_at
        """;

    public async Task SetAsync(string streamId, StreamReply reply)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(SetSql, new { StreamId = streamId, Reply = JsonSerializer.Serialize(reply), Now = now, ExpiresAt = now + Lifetime });
    }

    public async Task<StreamReply?> GetAsync(string streamId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var reply = await connection.QuerySingleOrDefaultAsync<string>(GetSql, new { StreamId = streamId, Now = clock.GetUtcNow() });
        return reply is null ? null : JsonSerializer.Deserialize<StreamReply>(reply);
    }
}
