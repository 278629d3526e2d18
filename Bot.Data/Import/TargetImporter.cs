using Bot.Conversations.Common;
using Bot.Conversations.Targets;
using Bot.Conversations.Team;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Data.Import;

/// <summary>
/// Imports sales targets: user,period,amount[,scope] (销售,期间,金额[,范围]). A team target (团队) belongs to the manager
/// who leads the team, or to an admin for the whole company. One target per person, scope and period: a re-import
/// replaces the amount.
/// </summary>
public sealed class TargetImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly CsvColumn[] Columns =
    [
        new("user", true, "销售", "姓名", "负责人", "用户ID"),
        new("period", true, "期间", "月份", "周期"),
        new("amount", true, "金额", "目标金额", "目标"),
        new("scope", false, "范围", "目标范围"),
    ];

    private const string CreateStagingSql = """
        create temp table import_targets (user_id bigint, scope text, period_kind text, period_start date, amount numeric(14, 2)) on commit drop
        """;

    // Nobody set an imported target in chat, so set_by is left empty.
    private const string UpdateTargetsSql = """
        update sales_targets t set amount = i.amount, set_by = null, set_at = @Now
        from import_targets i
        where (t.user_id, t.scope, t.period_kind, t.period_start) = (i.user_id, i.scope, i.period_kind, i.period_start)
          and t.amount <> i.amount
        """;

    private const string InsertTargetsSql = """
        insert into sales_targets (user_id, scope, period_kind, period_start, amount, set_at)
        select i.user_id, i.scope, i.period_kind, i.period_start, i.amount, @Now from import_targets i
        where not exists (select 1 from sales_targets t
                          where (t.user_id, t.scope, t.period_kind, t.period_start) = (i.user_id, i.scope, i.period_kind, i.period_start))
        """;

    private sealed record TargetLine(long UserId, TargetScope Scope, TargetPeriod Period, decimal Amount);

    public async Task<ImportReport> ImportAsync(byte[] file, CancellationToken ct)
    {
        var report = new ImportReport("销售目标");
        var rows = CsvTable.Read(file, Columns, report);
        var today = ChinaTime.Today(clock);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var users = await UserLookup.LoadAsync(connection, tx, ct);

        var targets = new List<TargetLine>(rows.Count);
        var firstLine = new Dictionary<(long, TargetScope, TargetPeriod), int>();
        foreach (var row in rows)
        {
            if (!TryParse(row, users, today, out var target, out var reason))
            {
                report.Reject(row.Line, reason);
                continue;
            }
            if (firstLine.TryGetValue((target.UserId, target.Scope, target.Period), out var earlier))
            {
                report.Reject(row.Line, $"与第 {earlier} 行是同一人同一期间的目标");
                continue;
            }
            firstLine[(target.UserId, target.Scope, target.Period)] = row.Line;
            targets.Add(target);
        }

        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: tx, cancellationToken: ct));
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy import_targets (user_id, scope, period_kind, period_start, amount) from stdin (format binary)", ct))
        {
            foreach (var target in targets)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(target.UserId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(target.Scope == TargetScope.Team ? "team" : "personal", NpgsqlDbType.Text, ct);
                await writer.WriteAsync(target.Period.Code, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(target.Period.Start, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(target.Amount, NpgsqlDbType.Numeric, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await connection.ExecuteAsync(new CommandDefinition("analyze import_targets", transaction: tx, cancellationToken: ct));
        var args = new { Now = clock.GetUtcNow().ToUniversalTime() };
        report.Updated = await connection.ExecuteAsync(new CommandDefinition(UpdateTargetsSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Added = await connection.ExecuteAsync(new CommandDefinition(InsertTargetsSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Unchanged = targets.Count - report.Added - report.Updated;

        await ImportAudit.RecordAsync(connection, tx, "targets", report, ct);
        await tx.CommitAsync(ct);
        return report;
    }

    private static bool TryParse(CsvRow row, UserLookup users, DateOnly today, out TargetLine target, out string reason)
    {
        target = null!;
        if (row.Get("user") is not { } userText)
        {
            reason = "缺少销售";
            return false;
        }
        if (!users.TryResolve(userText, out var userId, out var why))
        {
            reason = "销售" + why;
            return false;
        }
        var scope = TargetScope.Personal;
        var scopeText = row.Get("scope");
        switch (scopeText?.ToLowerInvariant())
        {
            case null or "个人" or "personal":
                break;
            case "团队" or "team":
                scope = TargetScope.Team;
                break;
            default:
                reason = $"范围「{scopeText}」不认识，可填 个人 或 团队";
                return false;
        }
        if (scope == TargetScope.Team && users.RoleOf(userId) == UserRole.Rep)
        {
            reason = $"「{userText}」是销售，没有团队；团队目标请写在主管或管理员名下";
            return false;
        }
        if (row.Get("period") is not { } periodText)
        {
            reason = "缺少期间";
            return false;
        }
        if (!ImportPeriods.TryParse(periodText, today, out var period, out reason))
            return false;
        if (row.Get("amount") is not { } amountText)
        {
            reason = "缺少金额";
            return false;
        }
        if (!ImportValues.TryAmount(amountText, out var amount, out reason))
            return false;
        if (amount <= 0)
        {
            reason = "目标金额应大于 0";
            return false;
        }
        target = new TargetLine(userId, scope, period, amount);
        return true;
    }
}
