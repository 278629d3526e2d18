using Bot.Conversations.Customers;
using Bot.Conversations.Funnel;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class FunnelQueries(NpgsqlDataSource dataSource) : IFunnelQueries
{
    // Erased customers (anonymised on request) still count; customers deleted as a mistake do not.
    // A period holds few rows next to the whole book, so each row below looks its customer up by key instead of
    // hashing every customer just to filter by owner. "offset 0" keeps the planner from flattening the lateral
    // sub-select back into a hash join over the whole customers table.

    // Conversion is defined once: of the customers in a stage at any time in the period, the share that moved on to a
    // later stage (won included) within it — so a customer won straight from 意向 counts for 意向, never as a 0%.

    // Each stage_history row opens an interval for its to_stage and closes the interval of its from_stage. Only rows
    // since the period's start are read: an interval open at the start is either still open (a customer's current
    // stage, opened before the start) or was closed since, so
    // present = now − (still open, opened since the start) + (closed since the start, opened before it) + (opened in the period).
    private const string StagesSql = $"""
        with moves as (
            select h.from_stage, h.to_stage, h.changed_at,
                   (select max(p.changed_at) from stage_history p
                     where p.customer_id = h.customer_id and (p.changed_at, p.id) < (h.changed_at, h.id)) as previous_at,
                   not exists (select 1 from stage_history n
                     where n.customer_id = h.customer_id and (n.changed_at, n.id) > (h.changed_at, h.id)) as is_current
            from stage_history h cross join lateral (select c.owner_id from customers c where c.id = h.customer_id and (c.deleted_at is null or c.erased_at is not null) offset 0) own
            where h.changed_at >= @Start and (@AllOwners or own.owner_id = any(@OwnerIds))),
        opened as (
            select to_stage as stage, (count(*) filter (where changed_at < @End))::int as entered,
                   (count(*) filter (where is_current))::int as still_open
            from moves group by to_stage),
        closed as (
            select from_stage as stage,
                   (count(*) filter (where previous_at < @Start))::int as opened_before,
                   (count(*) filter (where changed_at < @End and array_position(array['lead', 'qualified', 'negotiation', 'won'], to_stage)
                        > array_position(array['lead', 'qualified', 'negotiation', 'won'], from_stage)))::int as advanced,
                   (avg(extract(epoch from changed_at - previous_at) / 86400) filter (where changed_at < @End))::float8 as average_days
            from moves where from_stage is not null group by from_stage)
        select coalesce(o.stage, c.stage) as stage, coalesce(o.entered, 0) as entered, coalesce(o.still_open, 0) as still_open,
               coalesce(c.opened_before, 0) as opened_before, coalesce(c.advanced, 0) as advanced, c.average_days
        from opened o full join closed c on c.stage = o.stage
        """;

    // Customers by owner and stage now: summed over owners it is the funnel's "now", per owner the table's stage columns.
    // "Now" is read from customers.stage, which every stage change keeps in step with stage_history.
    private const string StageCountsSql = """
        select owner_id, stage, count(*)::int as count from customers
        where (deleted_at is null or erased_at is not null) and (@AllOwners or owner_id = any(@OwnerIds)) group by owner_id, stage
        """;

    private const string OrdersSql = $"""
        select count(*)::int as count, coalesce(sum(o.amount), 0) as amount
        from orders o cross join lateral (select c.owner_id from customers c where c.id = o.customer_id and (c.deleted_at is null or c.erased_at is not null) offset 0) own
        where (@AllOwners or own.owner_id = any(@OwnerIds)) and o.ordered_on >= @StartDate and o.ordered_on < @EndDate
        """;

    private const string ChannelsSql = $"""
        select channel, count(*)::int as count from interactions
        where (@AllOwners or rep_id = any(@OwnerIds)) and occurred_at >= @Start and occurred_at < @End
        group by channel
        """;

    private const string FollowUpsSql = """
        select count(*)::int as due,
               (count(*) filter (where status = 'done' and completed_at <= due_at + interval '1 day'))::int as on_time,
               (count(*) filter (where status = 'open' and due_at < @Now))::int as overdue
        from reminders where (@AllOwners or rep_id = any(@OwnerIds)) and due_at >= @Start and due_at < @End
        """;

    // The per-rep × stage table in five grouped reads that run side by side (one pass per figure rather than a
    // sub-select per rep, which would read the period's orders once per rep); RepLines puts them together.
    private const string RepsSql = "select id, name from users where active and role = 'rep' and (@AllOwners or id = any(@OwnerIds)) order by name";

    private const string RepTouchesSql = """
        select rep_id as id, count(*)::int as n from interactions
        where occurred_at >= @Start and occurred_at < @End and (@AllOwners or rep_id = any(@OwnerIds)) group by rep_id
        """;

    private const string RepMovesSql = """
        select own.owner_id as id, (count(*) filter (where h.to_stage = 'won'))::int as won, (count(*) filter (where h.to_stage = 'lost'))::int as lost
        from stage_history h cross join lateral (select c.owner_id from customers c where c.id = h.customer_id and (c.deleted_at is null or c.erased_at is not null) offset 0) own
        where h.to_stage in ('won', 'lost') and h.changed_at >= @Start and h.changed_at < @End and (@AllOwners or own.owner_id = any(@OwnerIds))
        group by own.owner_id
        """;

    private const string RepSignedSql = """
        select owner_id as id, sum(amount) as amount from deals
        where stage = 'won' and closed_at >= @Start and closed_at < @End and (@AllOwners or owner_id = any(@OwnerIds)) group by owner_id
        """;

    private const string RepOrdersSql = """
        select own.owner_id as id, sum(o.amount) as amount
        from orders o cross join lateral (select c.owner_id from customers c where c.id = o.customer_id and (c.deleted_at is null or c.erased_at is not null) offset 0) own
        where o.ordered_on >= @StartDate and o.ordered_on < @EndDate and (@AllOwners or own.owner_id = any(@OwnerIds)) group by own.owner_id
        """;

    private const string SignedSql = """
        select coalesce(sum(amount), 0) from deals
        where stage = 'won' and closed_at >= @Start and closed_at < @End and (@AllOwners or owner_id = any(@OwnerIds))
        """;

    // Interactions come from the (occurred_at) include (rep_id) index; wins from stage_history's period index. Days are
    // binned from a Beijing midnight (China keeps no daylight saving) and only the bins are turned into dates: per row,
    // "at time zone" took three times as long.
    private const string DailySql = """
        with days as (select d::date as day from generate_series(@StartDate::date, @EndDate::date - 1, interval '1 day') d),
        touches as (
            select (bin at time zone 'Asia/Shanghai')::date as day, n from (
                select date_bin('1 day', occurred_at, timestamptz '2000-01-01 00:00+08') as bin, count(*)::int as n from interactions
                where occurred_at >= @Start and occurred_at < @End and (@AllOwners or rep_id = any(@OwnerIds)) group by 1) t),
        wins as (
            select (bin at time zone 'Asia/Shanghai')::date as day, n from (
                select date_bin('1 day', h.changed_at, timestamptz '2000-01-01 00:00+08') as bin, count(*)::int as n
                from stage_history h cross join lateral (select c.owner_id from customers c where c.id = h.customer_id and (c.deleted_at is null or c.erased_at is not null) offset 0) own
                where h.to_stage = 'won' and h.changed_at >= @Start and h.changed_at < @End and (@AllOwners or own.owner_id = any(@OwnerIds)) group by 1) w)
        select days.day, coalesce(t.n, 0) as interactions, coalesce(w.n, 0) as won
        from days left join touches t on t.day = days.day left join wins w on w.day = days.day order by days.day
        """;

    private const string WonSql = """
        select count(*)::int
        from stage_history h cross join lateral (select c.owner_id from customers c where c.id = h.customer_id and (c.deleted_at is null or c.erased_at is not null) offset 0) own
        where h.to_stage = 'won' and h.changed_at >= @Start and h.changed_at < @End and (@AllOwners or own.owner_id = any(@OwnerIds))
        """;

    private const string InteractionCountSql = """
        select count(*)::int from interactions
        where (@AllOwners or rep_id = any(@OwnerIds)) and occurred_at >= @Start and occurred_at < @End
        """;

    private sealed record StageRow(string Stage, int Entered, int StillOpen, int OpenedBefore, int Advanced, double? AverageDays);

    private sealed record CountRow(long? OwnerId, string Stage, int Count);

    private sealed record ChannelRow(string Channel, int Count);

    private sealed record OrdersRow(int Count, decimal Amount);

    private sealed record FollowUpsRow(int Due, int OnTime, int Overdue);

    public async Task<PeriodTotals> TotalsAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var args = Args(ownerIds, from, until, until);
        var won = dataSource.ReadAsync(c => c.ExecuteScalarAsync<int>(new CommandDefinition(WonSql, args, cancellationToken: ct)), ct);
        var orders = dataSource.ReadAsync(c => c.QuerySingleAsync<OrdersRow>(new CommandDefinition(OrdersSql, args, cancellationToken: ct)), ct);
        var touches = dataSource.ReadAsync(c => c.ExecuteScalarAsync<int>(new CommandDefinition(InteractionCountSql, args, cancellationToken: ct)), ct);
        var signed = dataSource.ReadAsync(c => c.ExecuteScalarAsync<decimal>(new CommandDefinition(SignedSql, args, cancellationToken: ct)), ct);
        return new PeriodTotals(await won, await signed, (await orders).Amount, await touches);
    }

    public async Task<FunnelFigures> FiguresAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, bool perRep, CancellationToken ct)
    {
        var args = Args(ownerIds, from, until, now);
        var flowRows = dataSource.ReadAsync(c => c.QueryAsync<StageRow>(new CommandDefinition(StagesSql, args, cancellationToken: ct)), ct);
        var countRows = dataSource.ReadAsync(c => c.QueryAsync<CountRow>(new CommandDefinition(StageCountsSql, args, cancellationToken: ct)), ct);
        var ordersRow = dataSource.ReadAsync(c => c.QuerySingleAsync<OrdersRow>(new CommandDefinition(OrdersSql, args, cancellationToken: ct)), ct);
        var channelRows = dataSource.ReadAsync(c => c.QueryAsync<ChannelRow>(new CommandDefinition(ChannelsSql, args, cancellationToken: ct)), ct);
        var followUpsRow = dataSource.ReadAsync(c => c.QuerySingleAsync<FollowUpsRow>(new CommandDefinition(FollowUpsSql, args, cancellationToken: ct)), ct);
        var repRows = perRep ? RepLinesAsync(args, countRows, ct) : Task.FromResult<IReadOnlyList<RepLine>>([]);
        var signedAmount = dataSource.ReadAsync(c => c.ExecuteScalarAsync<decimal>(new CommandDefinition(SignedSql, args, cancellationToken: ct)), ct);
        var flows = (await flowRows).ToDictionary(r => r.Stage);
        var counts = (await countRows).GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var (orders, channels, followUps, reps, signed) = (await ordersRow, await channelRows, await followUpsRow, await repRows, await signedAmount);

        var stages = Enum.GetValues<FunnelStage>().Select(stage =>
        {
            var flow = flows.GetValueOrDefault(stage.Code());
            var now = counts.GetValueOrDefault(stage.Code());
            var present = now - (flow?.StillOpen ?? 0) + (flow?.OpenedBefore ?? 0) + (flow?.Entered ?? 0);
            return new StageFlow(stage, now, flow?.Entered ?? 0, present, flow?.Advanced ?? 0, flow?.AverageDays);
        }).ToList();
        return new FunnelFigures(stages, stages.Single(s => s.Stage == FunnelStage.Won).Entered, signed, orders.Amount, orders.Count,
            channels.ToDictionary(c => InteractionChannels.FromCode(c.Channel), c => c.Count), followUps.Due, followUps.OnTime, followUps.Overdue, reps);
    }

    private sealed record RepRow(long Id, string Name);

    private sealed record RepCountRow(long Id, int N);

    private sealed record RepMovesRow(long Id, int Won, int Lost);

    private sealed record RepAmountRow(long Id, decimal Amount);

    public Task<IReadOnlyList<RepLine>> PerRepAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var args = Args(ownerIds, from, until, until);
        return RepLinesAsync(args, dataSource.ReadAsync(c => c.QueryAsync<CountRow>(new CommandDefinition(StageCountsSql, args, cancellationToken: ct)), ct), ct);
    }

    private async Task<IReadOnlyList<RepLine>> RepLinesAsync(object args, Task<IEnumerable<CountRow>> stageCounts, CancellationToken ct)
    {
        Task<IEnumerable<T>> Read<T>(string sql) => dataSource.ReadAsync(c => c.QueryAsync<T>(new CommandDefinition(sql, args, cancellationToken: ct)), ct);
        var repsRead = Read<RepRow>(RepsSql);
        var touchesRead = Read<RepCountRow>(RepTouchesSql);
        var movesRead = Read<RepMovesRow>(RepMovesSql);
        var signedRead = Read<RepAmountRow>(RepSignedSql);
        var ordersRead = Read<RepAmountRow>(RepOrdersSql);
        var stages = (await stageCounts).Where(r => r.OwnerId is not null).ToLookup(r => (r.OwnerId!.Value, r.Stage), r => r.Count);
        int Now(long id, FunnelStage stage) => stages[(id, stage.Code())].Sum();
        var touches = (await touchesRead).ToDictionary(r => r.Id, r => r.N);
        var moves = (await movesRead).ToDictionary(r => r.Id);
        var signed = (await signedRead).ToDictionary(r => r.Id, r => r.Amount);
        var orders = (await ordersRead).ToDictionary(r => r.Id, r => r.Amount);
        return [.. (await repsRead)
            .Select(r => new RepLine(r.Name, Now(r.Id, FunnelStage.Lead), Now(r.Id, FunnelStage.Qualified),
                Now(r.Id, FunnelStage.Negotiation), moves.GetValueOrDefault(r.Id)?.Won ?? 0, moves.GetValueOrDefault(r.Id)?.Lost ?? 0,
                touches.GetValueOrDefault(r.Id), signed.GetValueOrDefault(r.Id), orders.GetValueOrDefault(r.Id)))
            .OrderByDescending(l => l.SignedAmount).ThenByDescending(l => l.Won).ThenByDescending(l => l.Interactions).ThenBy(l => l.Name, StringComparer.Ordinal)];
    }

    private sealed record DayRow(DateOnly Day, int Interactions, int Won);

    public async Task<IReadOnlyList<Bot.Conversations.Reports.ActivityDay>> DailyActivityAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct)
    {
        var rows = await dataSource.ReadAsync(c => c.QueryAsync<DayRow>(new CommandDefinition(DailySql, Args(ownerIds, from, until, until), cancellationToken: ct)), ct);
        return [.. rows.Select(r => new Bot.Conversations.Reports.ActivityDay(r.Day, r.Interactions, r.Won))];
    }

    private static object Args(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now) => new
    {
        AllOwners = ownerIds is null,
        OwnerIds = ownerIds?.ToArray() ?? [],
        Start = from.ToUniversalTime(),
        End = until.ToUniversalTime(),
        StartDate = DateOnly.FromDateTime(Common(from)),
        EndDate = DateOnly.FromDateTime(Common(until)),
        Now = now.ToUniversalTime(),
    };

    // Periods are whole Shanghai days; orders are dated in Shanghai days too.
    private static DateTime Common(DateTimeOffset instant) => Bot.Conversations.Common.ChinaTime.ToChina(instant).DateTime;
}
