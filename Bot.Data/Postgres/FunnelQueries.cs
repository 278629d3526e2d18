using Bot.Conversations.Customers;
using Bot.Conversations.Funnel;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class FunnelQueries(NpgsqlDataSource dataSource) : IFunnelQueries
{
    private const string Scoped = "select id from customers where deleted_at is null and (@AllOwners or owner_id = any(@OwnerIds))";

    // Each stage_history row opens an interval that the customer's next row closes. "Present" means the interval
    // overlaps the period; "advanced" means it closed inside the period by moving one stage down the funnel.
    private const string StagesSql = $"""
        with scoped as ({Scoped}),
        intervals as (
            select h.to_stage as stage, h.changed_at as entered_at,
                   lead(h.changed_at) over w as left_at, lead(h.to_stage) over w as next_stage
            from stage_history h join scoped s on s.id = h.customer_id
            window w as (partition by h.customer_id order by h.changed_at, h.id))
        select stage,
               (count(*) filter (where entered_at >= @Start and entered_at < @End))::int as entered,
               (count(*) filter (where entered_at < @End and (left_at is null or left_at >= @Start)))::int as present,
               (count(*) filter (where left_at >= @Start and left_at < @End and next_stage =
                    case stage when 'lead' then 'qualified' when 'qualified' then 'negotiation' when 'negotiation' then 'won' end))::int as advanced,
               (avg(extract(epoch from left_at - entered_at) / 86400) filter (where left_at >= @Start and left_at < @End))::float8 as average_days
        from intervals group by stage
        """;

    private const string NowSql = $"""
        select stage, count(*)::int as count from customers
        where deleted_at is null and (@AllOwners or owner_id = any(@OwnerIds)) group by stage
        """;

    private const string OrdersSql = $"""
        select count(*)::int as count, coalesce(sum(o.amount), 0) as amount
        from orders o where o.customer_id in ({Scoped}) and o.ordered_on >= @StartDate and o.ordered_on < @EndDate
        """;

    private const string ChannelsSql = $"""
        select channel, count(*)::int as count from interactions
        where customer_id in ({Scoped}) and occurred_at >= @Start and occurred_at < @End group by channel
        """;

    private const string FollowUpsSql = """
        select count(*)::int as due,
               (count(*) filter (where status = 'done' and completed_at <= due_at + interval '1 day'))::int as on_time,
               (count(*) filter (where status = 'open' and due_at < @Now))::int as overdue
        from reminders where (@AllOwners or rep_id = any(@OwnerIds)) and due_at >= @Start and due_at < @End
        """;

    private const string PerRepSql = $"""
        select u.name,
               (select count(*) from interactions i where i.rep_id = u.id and i.occurred_at >= @Start and i.occurred_at < @End)::int as interactions,
               (select count(*) from stage_history h join customers c on c.id = h.customer_id
                 where c.owner_id = u.id and h.to_stage = 'won' and h.changed_at >= @Start and h.changed_at < @End)::int as won,
               (select coalesce(sum(o.amount), 0) from orders o join customers c on c.id = o.customer_id
                 where c.owner_id = u.id and o.ordered_on >= @StartDate and o.ordered_on < @EndDate) as order_amount
        from users u where u.active and (@AllOwners or u.id = any(@OwnerIds)) and u.role = 'rep'
        order by won desc, interactions desc, u.name
        """;

    private sealed record StageRow(string Stage, int Entered, int Present, int Advanced, double? AverageDays);

    private sealed record CountRow(string Stage, int Count);

    private sealed record ChannelRow(string Channel, int Count);

    private sealed record OrdersRow(int Count, decimal Amount);

    private sealed record FollowUpsRow(int Due, int OnTime, int Overdue);

    public async Task<FunnelFigures> FiguresAsync(IReadOnlySet<long>? ownerIds, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, bool perRep, CancellationToken ct)
    {
        var args = new
        {
            AllOwners = ownerIds is null,
            OwnerIds = ownerIds?.ToArray() ?? [],
            Start = from.ToUniversalTime(),
            End = until.ToUniversalTime(),
            StartDate = DateOnly.FromDateTime(Common(from)),
            EndDate = DateOnly.FromDateTime(Common(until)),
            Now = now.ToUniversalTime(),
        };
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var flows = (await connection.QueryAsync<StageRow>(new CommandDefinition(StagesSql, args, cancellationToken: ct))).ToDictionary(r => r.Stage);
        var counts = (await connection.QueryAsync<CountRow>(new CommandDefinition(NowSql, args, cancellationToken: ct))).ToDictionary(r => r.Stage, r => r.Count);
        var orders = await connection.QuerySingleAsync<OrdersRow>(new CommandDefinition(OrdersSql, args, cancellationToken: ct));
        var channels = await connection.QueryAsync<ChannelRow>(new CommandDefinition(ChannelsSql, args, cancellationToken: ct));
        var followUps = await connection.QuerySingleAsync<FollowUpsRow>(new CommandDefinition(FollowUpsSql, args, cancellationToken: ct));
        var reps = perRep ? await connection.QueryAsync<RepLine>(new CommandDefinition(PerRepSql, args, cancellationToken: ct)) : [];

        var stages = Enum.GetValues<FunnelStage>().Select(stage =>
        {
            var flow = flows.GetValueOrDefault(stage.Code());
            return new StageFlow(stage, counts.GetValueOrDefault(stage.Code()), flow?.Entered ?? 0, flow?.Present ?? 0, flow?.Advanced ?? 0, flow?.AverageDays);
        }).ToList();
        return new FunnelFigures(stages, stages.Single(s => s.Stage == FunnelStage.Won).Entered, orders.Amount, orders.Count,
            channels.ToDictionary(c => InteractionChannels.FromCode(c.Channel), c => c.Count), followUps.Due, followUps.OnTime, followUps.Overdue, [.. reps]);
    }

    // Periods are whole Shanghai days; orders are dated in Shanghai days too.
    private static DateTime Common(DateTimeOffset instant) => Bot.Conversations.Common.ChinaTime.ToChina(instant).DateTime;
}
