using Bot.Conversations.Customers;
using Bot.Conversations.Records;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// Finding the earlier records a fix points at (this file), and removing, editing and restoring them with their audit
/// entries (RecordStore.Changes.cs). A record of a customer erased on request or deleted is never found.
/// </summary>
public sealed partial class RecordStore(NpgsqlDataSource dataSource) : IRecordStore
{
    private const string Filters = """
        (@Id::bigint is null or x.id = @Id)
        and (@CustomerId::bigint is null or x.customer_id = @CustomerId)
        """;

    private const string Live = "c.deleted_at is null and c.erased_at is null";

    private const string InteractionsSql = $"""
        select x.id, x.customer_id, coalesce(c.short_name, c.legal_name) as customer_name, x.rep_id as author_id, u.name as author_name,
               x.occurred_at as at, x.channel, x.contact_id, k.name as contact_name, x.summary as text, x.amount,
               null::date as expected_close, false as imported
        from interactions x
        join customers c on c.id = x.customer_id and {Live}
        left join users u on u.id = x.rep_id
        left join contacts k on k.id = x.contact_id
        where {Filters}
          and (@AuthorId::bigint is null or x.rep_id = @AuthorId)
          and (@Channel::text is null or x.channel = @Channel)
          and (@ContactId::bigint is null or x.contact_id = @ContactId)
          and (cardinality(@From::date[]) = 0 or exists (select 1 from unnest(@From::date[], @To::date[]) d(f, t)
               where (x.occurred_at at time zone 'Asia/Shanghai')::date between d.f and d.t))
        order by x.occurred_at desc, x.id desc
        limit @Limit
        """;

    // A reminder is pointed at by the day it is due (明天那个提醒) or, for a day gone by, the day it was set.
    private const string RemindersSql = $"""
        select x.id, x.customer_id, coalesce(c.short_name, c.legal_name) as customer_name, x.rep_id as author_id, u.name as author_name,
               x.due_at as at, null as channel, null::bigint as contact_id, null as contact_name, x.note as text, null::numeric as amount,
               null::date as expected_close, false as imported
        from reminders x
        left join customers c on c.id = x.customer_id
        left join users u on u.id = x.rep_id
        where x.status = 'open' and (x.customer_id is null or ({Live}))
          and {Filters}
          and (@AuthorId::bigint is null or x.rep_id = @AuthorId)
          and ((cardinality(@From::date[]) = 0 and cardinality(@DueFrom::date[]) = 0)
               or exists (select 1 from unnest(@DueFrom::date[], @DueTo::date[]) d(f, t)
                          where (x.due_at at time zone 'Asia/Shanghai')::date between d.f and d.t)
               or exists (select 1 from unnest(@From::date[], @To::date[]) d(f, t)
                          where (x.due_at at time zone 'Asia/Shanghai')::date between d.f and d.t
                             or (x.created_at at time zone 'Asia/Shanghai')::date between d.f and d.t))
        order by x.created_at desc, x.id desc
        limit @Limit
        """;

    // An order has no author of its own: it is credited to the customer's owner, so that is whose it is.
    private const string OrdersSql = $"""
        select x.id, x.customer_id, coalesce(c.short_name, c.legal_name) as customer_name, c.owner_id as author_id, u.name as author_name,
               (x.ordered_on::timestamp at time zone 'Asia/Shanghai') as at, null as channel, null::bigint as contact_id, null as contact_name,
               '' as text, x.amount, null::date as expected_close, x.import_key is not null as imported
        from orders x
        join customers c on c.id = x.customer_id and {Live}
        left join users u on u.id = c.owner_id
        where {Filters}
          and (@AuthorId::bigint is null or c.owner_id = @AuthorId)
          and (@Amount::numeric is null or x.amount = @Amount)
          and (cardinality(@From::date[]) = 0 or exists (select 1 from unnest(@From::date[], @To::date[]) d(f, t)
               where x.ordered_on between d.f and d.t or (x.created_at at time zone 'Asia/Shanghai')::date between d.f and d.t))
        order by x.created_at desc, x.id desc
        limit @Limit
        """;

    // A deal is whoever opened it; an imported one, its owner's.
    private const string DealsSql = $"""
        select x.id, x.customer_id, coalesce(c.short_name, c.legal_name) as customer_name, coalesce(x.created_by, x.owner_id) as author_id,
               u.name as author_name, x.created_at as at, null as channel, null::bigint as contact_id, null as contact_name, x.title as text,
               x.amount, x.expected_close, x.import_key is not null as imported
        from deals x
        join customers c on c.id = x.customer_id and {Live}
        left join users u on u.id = coalesce(x.created_by, x.owner_id)
        where {Filters}
          and (@AuthorId::bigint is null or coalesce(x.created_by, x.owner_id) = @AuthorId)
          and (@Amount::numeric is null or x.amount = @Amount)
          and (cardinality(@From::date[]) = 0 or exists (select 1 from unnest(@From::date[], @To::date[]) d(f, t)
               where x.expected_close between d.f and d.t or (x.created_at at time zone 'Asia/Shanghai')::date between d.f and d.t
                  or (x.updated_at at time zone 'Asia/Shanghai')::date between d.f and d.t))
        order by x.created_at desc, x.id desc
        limit @Limit
        """;

    private sealed record RecordRow(
        long Id, long? CustomerId, string? CustomerName, long? AuthorId, string? AuthorName, DateTime At, string? Channel, long? ContactId,
        string? ContactName, string Text, decimal? Amount, DateOnly? ExpectedClose, bool Imported)
    {
        public EarlierRecord ToRecord(RecordKind kind) => new(
            kind, Id, CustomerId, CustomerName, AuthorId, AuthorName, new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)),
            Channel is null ? null : InteractionChannels.FromCode(Channel), ContactId, ContactName, Text, Amount, ExpectedClose, Imported);
    }

    public Task<IReadOnlyList<EarlierRecord>> FindAsync(RecordSearch search, CancellationToken ct) => QueryAsync(search, null, ct);

    public async Task<EarlierRecord?> GetAsync(RecordKind kind, long id, CancellationToken ct) =>
        (await QueryAsync(new RecordSearch(kind, null, null, [], [], null, null, null, 1), id, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<EarlierRecord>> QueryAsync(RecordSearch search, long? id, CancellationToken ct)
    {
        var sql = search.Kind switch
        {
            RecordKind.Reminder => RemindersSql,
            RecordKind.Order => OrdersSql,
            RecordKind.Deal => DealsSql,
            _ => InteractionsSql,
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RecordRow>(new CommandDefinition(sql, new
        {
            Id = id,
            search.AuthorId,
            search.CustomerId,
            Channel = search.Channel?.Code(),
            search.ContactId,
            search.Amount,
            From = search.Days.Select(d => d.From).ToArray(),
            To = search.Days.Select(d => d.To).ToArray(),
            DueFrom = search.DueDays.Select(d => d.From).ToArray(),
            DueTo = search.DueDays.Select(d => d.To).ToArray(),
            search.Limit,
        }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToRecord(search.Kind))];
    }
}
