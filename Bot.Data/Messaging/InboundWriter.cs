using System.Threading.Channels;
using Dapper;
using Npgsql;

namespace Bot.Data.Messaging;

/// <summary>
/// Group commit for the callback path. Every callback must be durable before it is acknowledged, but one
/// transaction per callback costs a connection and a WAL flush each; under load the callbacks waiting at the
/// same moment are written in one multi-row insert instead, and each is released when that commit is done.
/// </summary>
public sealed class InboundWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const int Writers = 3;

    private const string InsertSql = """
        insert into inbound_messages (channel, message_key, from_user, msg_type, payload, traceparent)
        select * from unnest(@Channels, @Keys, @Froms, @Types, @Payloads::jsonb[], @TraceParents)
        on conflict (message_key) do nothing
        returning id, message_key
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _loops;

    public sealed record Record(string Channel, string MessageKey, string FromUser, string MsgType, string Payload, string? TraceParent);

    private sealed record Pending(Record Record, TaskCompletionSource<long?> Done);

    private sealed record Inserted(long Id, string MessageKey);

    public InboundWriter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _loops = [.. Enumerable.Range(0, Writers).Select(_ => Task.Run(LoopAsync))];
    }

    /// <summary>Completes once the record is committed: with its id, or null when its key was already stored.</summary>
    public Task<long?> WriteAsync(Record record)
    {
        var pending = new Pending(record, new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            pending.Done.SetException(new ObjectDisposedException(nameof(InboundWriter)));
        return pending.Done.Task;
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                batch.Add(pending);
            if (batch.Count == 0)
                continue;
            try
            {
                var inserted = await InsertAsync(batch).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    // A key twice in one batch: the first waiter gets the id, the repeat is a repeat.
                    var id = inserted.Remove(pending.Record.MessageKey, out var newId) ? newId : (long?)null;
                    pending.Done.TrySetResult(id);
                }
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                    pending.Done.TrySetException(ex);
            }
        }
    }

    private async Task<Dictionary<string, long>> InsertAsync(List<Pending> batch)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Inserted>(new CommandDefinition(InsertSql, new
        {
            Channels = batch.Select(p => p.Record.Channel).ToArray(),
            Keys = batch.Select(p => p.Record.MessageKey).ToArray(),
            Froms = batch.Select(p => p.Record.FromUser).ToArray(),
            Types = batch.Select(p => p.Record.MsgType).ToArray(),
            Payloads = batch.Select(p => p.Record.Payload).ToArray(),
            TraceParents = batch.Select(p => p.Record.TraceParent).ToArray(),
        }, cancellationToken: _stop.Token)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.MessageKey, r => r.Id);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
