using Bot.Conversations.Operations;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>The record of scheduled job executions: what ran where and how it ended (see <c>scripts/bot jobs status</c>).</summary>
public sealed class JobRunStore(NpgsqlDataSource dataSource) : IJobRuns
{
    private const string StartSql = """
        insert into job_runs (job, scheduled_for, instance) values (@Job, @ScheduledFor, @Instance) returning id
        """;

    private const string FinishSql = "update job_runs set finished_at = now(), outcome = @Outcome, detail = @Detail where id = @Id";

    private const string LatestSql = """
        select distinct on (job) job, scheduled_for, instance, started_at, finished_at, outcome, detail
        from job_runs order by job, started_at desc
        """;

    private const string ListSql = """
        select job, scheduled_for, instance, started_at, finished_at, outcome, detail from job_runs
        where job = @Job order by scheduled_for, started_at
        """;

    public async Task<long> StartAsync(string job, DateTimeOffset scheduledFor, string instance, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(StartSql,
            new { Job = job, ScheduledFor = scheduledFor.ToUniversalTime(), Instance = instance }, cancellationToken: ct));
    }

    public async Task FinishAsync(long id, bool ok, string? detail, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(FinishSql, new { Id = id, Outcome = ok ? "ok" : "failed", Detail = detail }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<JobRun>> LatestAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<JobRun>(new CommandDefinition(LatestSql, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<JobRun>> ListAsync(string job, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return [.. await connection.QueryAsync<JobRun>(new CommandDefinition(ListSql, new { Job = job }, cancellationToken: ct))];
    }
}
