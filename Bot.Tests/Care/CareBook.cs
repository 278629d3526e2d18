using Dapper;
using Npgsql;

namespace Bot.Tests.Care;

/// <summary>A small sales book written straight into a test database: reps, customers, contacts and their WeCom state.</summary>
internal sealed class CareBook(string connectionString)
{
    private int _next;

    public sealed record Rep(long Id, string UserId, string Name);

    public sealed record Person(long ContactId, long CustomerId, string ExternalUserId, string Name);

    public async Task<Rep> AddRepAsync(string name)
    {
        var userId = "care_" + Guid.NewGuid().ToString("N")[..10];
        await using var connection = new NpgsqlConnection(connectionString);
        var id = await connection.ExecuteScalarAsync<long>(
            "insert into users (wecom_userid, name, role) values (@UserId, @Name, 'rep') returning id", new { UserId = userId, Name = name });
        return new Rep(id, userId, name);
    }

    /// <summary>A customer company with one contact; by default consented and reachable on WeCom.</summary>
    public async Task<Person> AddContactAsync(
        Rep rep, string company, string name, string? title, bool consent = true, bool wecom = true, bool contactOptedOut = false,
        bool customerOptedOut = false, (int Month, int Day)? birthday = null, DateOnly? orderedOn = null)
    {
        var externalUserId = wecom ? $"wm{Guid.NewGuid():N}"[..24] : null;
        await using var connection = new NpgsqlConnection(connectionString);
        var customerId = await connection.ExecuteScalarAsync<long>("""
            insert into customers (legal_name, short_name, owner_id, stage, care_opted_out_at)
            values (@Legal, @Short, @Rep, 'won', case when @OptedOut then now() end) returning id
            """, new { Legal = $"{company}有限公司{Interlocked.Increment(ref _next)}{Guid.NewGuid():N}"[..30], Short = company, Rep = rep.Id, OptedOut = customerOptedOut });
        var contactId = await connection.ExecuteScalarAsync<long>("""
            insert into contacts (customer_id, name, title, wecom_external_userid, care_consent_at, care_consent_source, care_opted_out_at, birth_month, birth_day)
            values (@Customer, @Name, @Title, @External, case when @Consent then now() end, case when @Consent then 'import' end,
                    case when @OptedOut then now() end, @Month, @Day)
            returning id
            """, new
        {
            Customer = customerId, Name = name, Title = title, External = externalUserId, Consent = consent, OptedOut = contactOptedOut,
            Month = (short?)birthday?.Month, Day = (short?)birthday?.Day,
        });
        if (orderedOn is { } day)
            await connection.ExecuteAsync("insert into orders (customer_id, ordered_on, amount) values (@Customer, @Day, 10000)", new { Customer = customerId, Day = day });
        return new Person(contactId, customerId, externalUserId ?? "", name);
    }

    public sealed class OutboxItem
    {
        public string IdempotencyKey { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Payload { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTime NextAttemptAt { get; init; }
        public string? WecomMsgid { get; init; }
    }

    public async Task<List<OutboxItem>> OutboxAsync(string? kind = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. await connection.QueryAsync<OutboxItem>("""
            select idempotency_key, recipient, kind, payload::text as payload, status, next_attempt_at, wecom_msgid
            from outbox where @Kind is null or kind = @Kind order by id
            """, new { Kind = kind })];
    }

    public async Task<List<(string Key, string Status)>> TasksAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. await connection.QueryAsync<(string, string)>("select idempotency_key, status from care_tasks order by id")];
    }

    public async Task<List<T>> ScalarListAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return [.. await connection.QueryAsync<T>(sql)];
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }
}
