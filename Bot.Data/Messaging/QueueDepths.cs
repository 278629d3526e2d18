using Bot.Conversations.Pipeline;
using Dapper;
using Npgsql;

namespace Bot.Data.Messaging;

/// <summary>
/// Read for the metrics gauges, whose callbacks are synchronous: so is this query (no thread is blocked on a task).
/// </summary>
public sealed class QueueDepths(NpgsqlDataSource dataSource) : IQueueDepths
{
    // Each count reads a partial index over unfinished (or parked) rows only, never the history of sent messages.
    private const string DepthSql = """
        select
          (select count(*) from inbound_messages where status in ('pending', 'processing')) as inbound_backlog,
          coalesce((select extract(epoch from now() - min(received_at)) from inbound_messages where status in ('pending', 'processing')), 0)::float8 as inbound_oldest_age_seconds,
          (select count(*) from outbox where status in ('pending', 'sending')) as outbox_waiting,
          (select count(*) from outbox where status = 'parked') as outbox_parked
        """;

    public QueueDepth Read()
    {
        using var connection = dataSource.OpenConnection();
        return connection.QuerySingle<QueueDepth>(DepthSql);
    }
}
