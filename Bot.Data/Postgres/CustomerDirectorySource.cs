using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class CustomerDirectorySource(NpgsqlDataSource dataSource) : ICustomerDirectorySource
{
    private const string CustomersSql = "select id, legal_name, short_name, aliases, owner_id from customers where deleted_at is null";

    private const string ContactsSql = """
        select t.id, t.customer_id, t.name, t.title
        from contacts t join customers c on c.id = t.customer_id
        where t.deleted_at is null and c.deleted_at is null
        """;

    private const string MembersSql = "select id, name from users where active";

    // Deletes are soft (updated_at moves too), so count plus latest change catches every edit that matters.
    private const string VersionSql = """
        select (select count(*) || ':' || coalesce(max(updated_at)::text, '') from customers)
            || '|' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from contacts)
            || '|' || (select count(*) || ':' || coalesce(max(updated_at)::text, '') from users)
        """;

    private sealed class CustomerRow
    {
        public long Id { get; init; }

        public string LegalName { get; init; } = "";

        public string? ShortName { get; init; }

        public string[] Aliases { get; init; } = [];

        public long? OwnerId { get; init; }
    }

    /// <remarks>
    /// Outside any inbound message's transaction: the directory is shared by every message, so it holds committed
    /// customers only, never one a message is still writing (and may yet roll back).
    /// </remarks>
    public async Task<DirectorySnapshot> LoadAsync(CancellationToken ct)
    {
        using var committedOnly = OwnTransaction.CommittedOnly();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition(VersionSql, transaction: tx, cancellationToken: ct)) ?? "";
        var customers = await connection.QueryAsync<CustomerRow>(new CommandDefinition(CustomersSql, transaction: tx, cancellationToken: ct));
        var contacts = await connection.QueryAsync<DirectoryContact>(new CommandDefinition(ContactsSql, transaction: tx, cancellationToken: ct));
        var members = await connection.QueryAsync<DirectoryMember>(new CommandDefinition(MembersSql, transaction: tx, cancellationToken: ct));
        return new DirectorySnapshot(
            [.. customers.Select(c => new DirectoryCustomer(c.Id, c.LegalName, c.ShortName, c.Aliases, c.OwnerId))], [.. contacts], [.. members], version);
    }

    public async Task<string> VersionAsync(CancellationToken ct)
    {
        using var committedOnly = OwnTransaction.CommittedOnly();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<string>(new CommandDefinition(VersionSql, cancellationToken: ct)) ?? "";
    }
}
