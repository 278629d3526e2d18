using System.Data;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// A repository's own transaction, unless it already runs inside the ambient one of an inbound message (the inbound
/// worker handles each message in one System.Transactions transaction): every connection opened there enlists in
/// it, and PostgreSQL has no nested transactions — the message's transaction then holds these writes too.
/// </summary>
public static class OwnTransaction
{
    /// <summary>A new transaction, or null when the connection is enlisted in the ambient one.</summary>
    public static async ValueTask<NpgsqlTransaction?> BeginAsync(NpgsqlConnection connection, CancellationToken ct, IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        System.Transactions.Transaction.Current is null ? await connection.BeginTransactionAsync(isolation, ct) : null;

    /// <summary>Reads outside any message's transaction: what every message shares must hold committed rows only.</summary>
    public static System.Transactions.TransactionScope CommittedOnly() =>
        new(System.Transactions.TransactionScopeOption.Suppress, System.Transactions.TransactionScopeAsyncFlowOption.Enabled);

    public static Task CommitAsync(NpgsqlTransaction? transaction, CancellationToken ct) => transaction?.CommitAsync(ct) ?? Task.CompletedTask;
}
