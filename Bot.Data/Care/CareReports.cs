using Bot.Conversations.Care;
using Dapper;
using Npgsql;

namespace Bot.Data.Care;

public sealed class CareReports(NpgsqlDataSource dataSource) : ICareReports
{
    // Only greetings that reached the rep in WeCom count: planned ones are still on their way, yielded ones never went.
    private const string ConfirmationSql = """
        select count(*) filter (where status in ('sent', 'failed') and send_status is not null)::int as confirmed,
               count(*) filter (where status = 'awaiting')::int as waiting,
               count(*) filter (where status = 'unconfirmed')::int as unconfirmed
        from care_tasks
        where rep_id = any(@Reps) and occasion_on between @First and @Last
        """;

    public async Task<CareConfirmation> ConfirmationRateAsync(IReadOnlyCollection<long> repIds, DateOnly first, DateOnly last, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<CareConfirmation>(new CommandDefinition(ConfirmationSql,
            new { Reps = repIds.ToArray(), First = first, Last = last }, cancellationToken: ct));
    }
}
