using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Dapper;
using Npgsql;

namespace Bot.Data.Postgres;

/// <summary>
/// churn_findings: what <see cref="ChurnRules"/> made of each customer at risk, written by the nightly scan and
/// refreshed before each read for the customers the triggers marked stale. The list is then a few index rows.
/// </summary>
public sealed class ChurnFindingsStore(NpgsqlDataSource dataSource) : IChurnFindings
{
    private const string ScannedOnSql = "select scanned_on from churn_scan";

    // A mark a writer still holds belongs to rows nobody can see yet; it stays for the next read.
    private const string TakeStaleSql = """
        delete from churn_stale where customer_id in (select customer_id from churn_stale for update skip locked)
        returning customer_id
        """;

    private const string CountSql = """
        select count(*)::int from churn_findings where finding_count > 0 and (@AllOwners or owner_id = any(@OwnerIds))
        """;

    // ChurnRank's order as an index order: strongest signal (lower first), more findings first, then the customer.
    private const string TopSql = """
        select f.customer_id, f.name, f.owner_id, u.name as owner_name, f.stage, f.last_order_on, f.usual_days_between_orders,
               f.last_interaction_on, f.complaints_last30_days, f.removed_rep_on
        from churn_findings f left join users u on u.id = f.owner_id
        where f.finding_count > 0 and (@AllOwners or f.owner_id = any(@OwnerIds))
        order by f.strongest, f.finding_count desc, f.customer_id
        limit @Limit
        """;

    private const string UpsertSql = """
        insert into churn_findings (customer_id, owner_id, name, stage, last_order_on, usual_days_between_orders, last_interaction_on,
                                    complaints_last30_days, removed_rep_on, strongest, finding_count, scanned_signals)
        select u.id, u.owner_id, u.name, u.stage, u.last_order_on, u.usual_days, u.last_interaction_on, u.complaints, u.removed_on,
               u.strongest, u.findings, case when @Scan then string_to_array(u.signals, ',') else '{}' end
        from unnest(@Ids, @OwnerIds, @Names, @Stages, @LastOrderOn, @UsualDays, @LastInteractionOn, @Complaints, @RemovedOn,
                    @Strongest, @Findings, @Signals)
             as u(id, owner_id, name, stage, last_order_on, usual_days, last_interaction_on, complaints, removed_on, strongest, findings, signals)
        on conflict (customer_id) do update set
            owner_id = excluded.owner_id, name = excluded.name, stage = excluded.stage, last_order_on = excluded.last_order_on,
            usual_days_between_orders = excluded.usual_days_between_orders, last_interaction_on = excluded.last_interaction_on,
            complaints_last30_days = excluded.complaints_last30_days, removed_rep_on = excluded.removed_rep_on,
            strongest = excluded.strongest, finding_count = excluded.finding_count
        """;

    private const string DeleteSql = "delete from churn_findings where customer_id = any(@Ids)";

    // A refresh is a cache update: if a crash loses it, it loses the taken marks with it, and the next read redoes
    // it. So it need not wait for the disk, which is most of its time on a busy server.
    private const string AsyncCommitSql = "set local synchronous_commit = off";

    private const string ScannedSignalsSql = "select customer_id, scanned_signals from churn_findings where cardinality(scanned_signals) > 0";

    private const string ClearSql = "delete from churn_findings";

    private const string MarkScannedSql = """
        insert into churn_scan (scanned_on, scanned_at) values (@Today, @At)
        on conflict (singleton) do update set scanned_on = excluded.scanned_on, scanned_at = excluded.scanned_at
        """;

    // One scan at a time across hosts; a second one waits and then finds nothing new.
    private const string ScanLockSql = "select pg_advisory_xact_lock(hashtext('churn_scan'))";


    private sealed class ScannedRow
    {
        public long CustomerId { get; init; }

        public string[] ScannedSignals { get; init; } = [];
    }

    public async Task<ChurnPage?> TopAsync(IReadOnlySet<long>? ownerIds, DateOnly today, int limit, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var scannedOn = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(ScannedOnSql, cancellationToken: ct));
        if (scannedOn is not { } day || DateOnly.FromDateTime(day) != today)
            return null;
        await RefreshStaleAsync(connection, today, ct);

        var args = new { AllOwners = ownerIds is null, OwnerIds = ownerIds?.ToArray() ?? [], Limit = limit };
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
        var rows = await connection.QueryAsync<ChurnFactsRow>(new CommandDefinition(TopSql, args, cancellationToken: ct));
        return new ChurnPage(total, [.. rows.Select(r => r.ToFacts())]);
    }

    public async Task<ChurnScanResult> ScanAsync(
        DateOnly today, DateTimeOffset at, Func<IReadOnlyList<ChurnChange>, CancellationToken, Task> publish, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        await connection.ExecuteAsync(new CommandDefinition(ScanLockSql, transaction: tx, cancellationToken: ct));
        // Marks taken here are covered by the facts read after them; later writes mark again.
        await connection.ExecuteAsync(new CommandDefinition(TakeStaleSql, transaction: tx, cancellationToken: ct, commandTimeout: 300));
        var assessed = Assess(await ChurnQueries.CandidatesAsync(connection, tx, null, today, ct), today);

        var before = (await connection.QueryAsync<ScannedRow>(new CommandDefinition(ScannedSignalsSql, transaction: tx, cancellationToken: ct, commandTimeout: 300)))
            .ToDictionary(r => r.CustomerId, r => r.ScannedSignals.ToHashSet());
        var changes = new List<ChurnChange>();
        foreach (var (facts, findings, _) in assessed)
        {
            var known = before.GetValueOrDefault(facts.CustomerId) ?? [];
            var fresh = findings.Select(f => f.Signal).Where(s => !known.Contains(s.ToString())).ToList();
            if (fresh.Count > 0)
                changes.Add(new ChurnChange(facts, findings, fresh));
        }
        await publish(changes, ct);

        await connection.ExecuteAsync(new CommandDefinition(ClearSql, transaction: tx, cancellationToken: ct, commandTimeout: 300));
        await UpsertAsync(connection, tx, assessed, scan: true, ct);
        await connection.ExecuteAsync(new CommandDefinition(MarkScannedSql, new { Today = today, At = at.ToUniversalTime() }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
        return new ChurnScanResult(assessed.Count, changes);
    }

    private static async Task RefreshStaleAsync(NpgsqlConnection connection, DateOnly today, CancellationToken ct)
    {
        await using var tx = await OwnTransaction.BeginAsync(connection, ct);
        var stale = (await connection.QueryAsync<long>(new CommandDefinition(TakeStaleSql, transaction: tx, cancellationToken: ct))).ToList();
        if (stale.Count == 0)
            return;
        // Only a transaction of its own may give up durability; inside a message's transaction the message's commit decides.
        if (tx is not null)
            await connection.ExecuteAsync(new CommandDefinition(AsyncCommitSql, transaction: tx, cancellationToken: ct));
        // Facts are read after the marks were taken, so they include every change that marked them.
        var facts = await ChurnQueries.FactsAsync(connection, tx, stale, today, ct);
        var assessed = facts.Select(f => (Facts: f, Findings: ChurnRules.Evaluate(f, today))).ToList();
        await UpsertAsync(connection, tx, [.. assessed.Select(a => (a.Facts, a.Findings, ChurnRules.Rank(a.Findings)))], scan: false, ct);
        var gone = stale.Except(facts.Select(f => f.CustomerId)).ToArray();
        if (gone.Length > 0)
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Ids = gone }, tx, cancellationToken: ct));
        await OwnTransaction.CommitAsync(tx, ct);
    }

    private static List<(ChurnFacts Facts, IReadOnlyList<ChurnFinding> Findings, ChurnRank? Rank)> Assess(IReadOnlyList<ChurnFacts> facts, DateOnly today) =>
        [.. facts.Select(f => (Facts: f, Findings: ChurnRules.Evaluate(f, today)))
            .Where(a => a.Findings.Count > 0)
            .Select(a => (a.Facts, a.Findings, ChurnRules.Rank(a.Findings)))];

    private static Task<int> UpsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction? tx, IReadOnlyList<(ChurnFacts Facts, IReadOnlyList<ChurnFinding> Findings, ChurnRank? Rank)> rows,
        bool scan, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            Scan = scan,
            Ids = rows.Select(r => r.Facts.CustomerId).ToArray(),
            OwnerIds = rows.Select(r => r.Facts.OwnerId).ToArray(),
            Names = rows.Select(r => r.Facts.Name).ToArray(),
            Stages = rows.Select(r => r.Facts.Stage.Code()).ToArray(),
            LastOrderOn = rows.Select(r => r.Facts.LastOrderOn).ToArray(),
            UsualDays = rows.Select(r => r.Facts.UsualDaysBetweenOrders).ToArray(),
            LastInteractionOn = rows.Select(r => r.Facts.LastInteractionOn).ToArray(),
            Complaints = rows.Select(r => r.Facts.ComplaintsLast30Days).ToArray(),
            RemovedOn = rows.Select(r => r.Facts.RemovedRepOn).ToArray(),
            Strongest = rows.Select(r => (short)(r.Rank?.Strongest ?? 0)).ToArray(),
            Findings = rows.Select(r => (short)(r.Rank?.Findings ?? 0)).ToArray(),
            Signals = rows.Select(r => string.Join(",", r.Findings.Select(f => f.Signal))).ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 300));

}
