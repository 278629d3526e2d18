using System.Text.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Merging;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>What a merge reads and what its audit entry keeps: the rows it moved, by id, so that an undo finds them.</summary>
public sealed partial class CustomerMerges
{
    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private const string DescribeSql = """
        select c.id, c.legal_name, c.short_name, c.owner_id, c.stage, c.deleted_at is null as live, c.created_at,
            (select count(*)::int from interactions where customer_id = c.id) as interactions,
            (select count(*)::int from orders where customer_id = c.id) as orders,
            (select count(*)::int from deals where customer_id = c.id) as deals,
            (select count(*)::int from reminders where customer_id = c.id) as reminders,
            (select count(*)::int from contacts where customer_id = c.id and deleted_at is null) as contacts,
            (select count(*)::int from care_tasks where customer_id = c.id) as care_tasks
        from customers c where c.id = @Id
        """;

    // The two customers, the contacts the merge changes and the churn finding it drops, as JSON rows; taken before
    // and right after the merge, they let an undo restore what the merge changed and nothing that changed since.
    private const string ImagesSql = """
        select jsonb_build_object(
            'customers', (select jsonb_agg(to_jsonb(c) order by c.id) from customers c where c.id = any(@Customers)),
            'contacts', coalesce((select jsonb_agg(to_jsonb(t) order by t.id) from contacts t where t.id = any(@Contacts)), '[]'),
            'churn_finding', (select to_jsonb(f) from churn_findings f where f.customer_id = @From))::text
        """;

    // The figures the order and interaction triggers keep on the customer follow the rows the trigger saw arrive, not
    // the ones that left, so both customers are recomputed; their churn findings are judged again on the next read.
    private const string RefreshSql = """
        update customers c set last_interaction_at = (select max(i.occurred_at) from interactions i where i.customer_id = c.id),
            last_order_on = o.last_on, first_order_on = o.first_on, order_count = o.n
        from (select ids.id, max(x.ordered_on) as last_on, min(x.ordered_on) as first_on, count(x.id)::int as n
              from unnest(@Ids) as ids (id) left join orders x on x.customer_id = ids.id group by ids.id) o
        where c.id = o.id;
        insert into churn_stale (customer_id) select unnest(@Ids)
        on conflict (customer_id) do update set marks = churn_stale.marks + 1
        """;

    private sealed record CandidateRow(
        long Id, string LegalName, string? ShortName, long? OwnerId, string Stage, bool Live, DateTime CreatedAt,
        int Interactions, int Orders, int Deals, int Reminders, int Contacts, int CareTasks)
    {
        public MergeCandidate ToCandidate() => new(
            Id, LegalName, ShortName, OwnerId, FunnelStages.FromCode(Stage), Live, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
            new MergeCounts(Interactions, Orders, Deals, Reminders, Contacts, CareTasks));
    }

    /// <summary>The ids of the rows a merge moved from the merged customer to the survivor, per table.</summary>
    internal sealed class MovedRows
    {
        public long[] Contacts { get; init; } = [];

        public long[] Interactions { get; init; } = [];

        public long[] StageHistory { get; init; } = [];

        public long[] Orders { get; init; } = [];

        public long[] Reminders { get; init; } = [];

        public long[] TierHistory { get; init; } = [];

        public long[] CareTasks { get; init; } = [];

        public long[] Deals { get; init; } = [];

        /// <summary>Customers merged into the merged one earlier, which now point at the survivor.</summary>
        public long[] MergedCustomers { get; init; } = [];

        /// <summary>The merged customer's part in reassignments, and its contacts' WeCom transfers.</summary>
        public long[] ReassignedCustomers { get; init; } = [];

        public long[] ContactTransfers { get; init; } = [];

        /// <summary>Greetings the rep skipped or rewrote this time, by their care key.</summary>
        public string[] GreetingChanges { get; init; } = [];
    }

    /// <summary>Open reminders and deals of the owner who gave the customer up, now the new owner's.</summary>
    internal sealed class OwnerMove
    {
        public long From { get; init; }

        public long To { get; init; }

        public long[] Reminders { get; init; } = [];

        public long[] Deals { get; init; } = [];
    }

    /// <summary>
    /// The audit entry's detail. <see cref="ContactsMerged"/>: [duplicate, kept] pairs of same-named contacts made one;
    /// <see cref="InteractionsRelinked"/> and <see cref="CareTasksRelinked"/>: [row, duplicate contact] pairs that now
    /// name the kept contact; <see cref="ContactsRenamed"/>: same-named contacts linked to different WeCom contacts,
    /// kept apart with the merged customer's name after theirs.
    /// </summary>
    internal sealed record MergeDetail(
        string By, long Survivor, long Merged, long? Owner, MovedRows Moved, long[][] ContactsMerged, long[] ContactsRenamed,
        long[][] InteractionsRelinked, long[][] CareTasksRelinked, OwnerMove? OwnerMoved);

    public async Task<MergeCandidate?> DescribeAsync(long customerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await DescribeAsync(connection, null, customerId, ct))?.ToCandidate();
    }

    private static Task<CandidateRow?> DescribeAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long customerId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CandidateRow>(new CommandDefinition(DescribeSql, new { Id = customerId }, tx, cancellationToken: ct));

    private static Task<string> ImagesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long survivorId, long mergedId, long[] contacts, CancellationToken ct) =>
        connection.ExecuteScalarAsync<string>(new CommandDefinition(ImagesSql,
            new { Customers = new[] { survivorId, mergedId }, Contacts = contacts, From = mergedId }, tx, cancellationToken: ct))!;

    private static Task<int> RefreshAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, long survivorId, long mergedId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(RefreshSql, new { Ids = new[] { survivorId, mergedId } }, tx, cancellationToken: ct));
}
