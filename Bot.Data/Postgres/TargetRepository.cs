using Bot.Conversations.Targets;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

public sealed class TargetRepository(NpgsqlDataSource dataSource) : ITargetRepository
{
    private const string Columns = "user_id, scope, period_kind, period_start, amount, set_by, set_at";

    // The row as it was before the upsert, read in the same statement so two managers setting it at once each get
    // the value their own change replaced.
    private const string SetSql = $"""
        with before as (
            select {Columns} from sales_targets
            where user_id = @UserId and scope = @Scope and period_kind = @Kind and period_start = @Start for update),
        upsert as (
            insert into sales_targets (user_id, scope, period_kind, period_start, amount, set_by, set_at)
            values (@UserId, @Scope, @Kind, @Start, @Amount, @SetBy, @SetAt)
            on conflict (user_id, scope, period_kind, period_start)
            do update set amount = excluded.amount, set_by = excluded.set_by, set_at = excluded.set_at)
        select {Columns} from before
        """;

    private const string RemoveSql = """
        delete from sales_targets where user_id = @UserId and scope = @Scope and period_kind = @Kind and period_start = @Start
        """;

    private const string ListSql = $"""
        select {Columns} from sales_targets where user_id = any(@UserIds) and period_kind = @Kind and period_start = @Start
        """;

    private sealed record TargetRow(long UserId, string Scope, string PeriodKind, DateOnly PeriodStart, decimal Amount, long? SetBy, DateTime SetAt)
    {
        public SalesTarget ToTarget() => new(UserId, Scope == "team" ? TargetScope.Team : TargetScope.Personal,
            TargetPeriod.FromCode(PeriodKind, PeriodStart), Amount, SetBy, new DateTimeOffset(DateTime.SpecifyKind(SetAt, DateTimeKind.Utc)));
    }

    private static string ScopeCode(TargetScope scope) => scope == TargetScope.Team ? "team" : "personal";

    public async Task<SalesTarget?> SetAsync(SalesTarget target, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var before = await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(SetSql, new
        {
            target.UserId, Scope = ScopeCode(target.Scope), Kind = target.Period.Code, target.Period.Start, target.Amount,
            target.SetBy, SetAt = target.SetAt.UtcDateTime,
        }, cancellationToken: ct));
        return before?.ToTarget();
    }

    public async Task RemoveAsync(long userId, TargetScope scope, TargetPeriod period, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(RemoveSql, new { UserId = userId, Scope = ScopeCode(scope), Kind = period.Code, period.Start }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<SalesTarget>> ListAsync(IReadOnlyCollection<long> userIds, TargetPeriod period, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<TargetRow>(new CommandDefinition(ListSql, new { UserIds = userIds.ToArray(), Kind = period.Code, period.Start }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToTarget())];
    }
}
