using Bot.Conversations.Common;
using Bot.Conversations.Customers;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Data.Import;

/// <summary>
/// Imports deals (商机): customer[,title,amount,expected_close,stage,owner,closed_on,deal_no]. A deal is identified by
/// its number in the company's CRM, or without one by customer and title, so re-importing a file updates its deals.
/// As with customers, a blank cell keeps what is stored (a deal moved on in chat stays moved); a new deal without a
/// stage is 意向 and without an owner belongs to the customer's owner.
/// </summary>
public sealed class DealImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly CsvColumn[] Columns =
    [
        new("customer", true, "客户名称", "客户", "公司名称"),
        new("title", false, "商机名称", "商机", "项目名称"),
        new("amount", false, "金额", "商机金额", "预计金额"),
        new("expected_close", false, "预计签约日期", "预计成交日期", "预计签约"),
        new("stage", false, "阶段", "商机阶段", "销售阶段"),
        new("owner", false, "负责人", "销售", "归属销售"),
        new("closed_on", false, "成交日期", "关闭日期", "closed_at"),
        new("deal_no", false, "商机编号", "商机ID", "deal_id"),
    ];

    // A closed date carries no time: mid-afternoon in Beijing is the same calendar day in UTC, so no report,
    // whichever zone it groups by, moves the deal to a neighbouring day.
    private static readonly TimeOnly ClosingTime = new(15, 0);

    private const string CreateStagingSql = """
        create temp table import_deals (
            customer_id bigint, owner_id bigint, default_owner_id bigint, title text, amount numeric(14, 2),
            expected_close date, stage text, closed_at timestamptz, import_key text
        ) on commit drop
        """;

    // A stage given in the file brings its closed time along (null for an open stage); no stage keeps both.
    private const string UpdateDealsSql = """
        with merged as (
            select d.id, i.customer_id, coalesce(i.owner_id, d.owner_id) as owner_id, coalesce(i.title, d.title) as title,
                   coalesce(i.amount, d.amount) as amount, coalesce(i.expected_close, d.expected_close) as expected_close,
                   coalesce(i.stage, d.stage) as stage, case when i.stage is null then d.closed_at else i.closed_at end as closed_at
            from import_deals i join deals d on d.import_key = i.import_key
        )
        update deals d set customer_id = m.customer_id, owner_id = m.owner_id, title = m.title, amount = m.amount,
                           expected_close = m.expected_close, stage = m.stage, closed_at = m.closed_at, updated_at = @Now
        from merged m
        where d.id = m.id
          and (m.customer_id, m.owner_id, m.title, m.amount, m.expected_close, m.stage, m.closed_at)
              is distinct from (d.customer_id, d.owner_id, d.title, d.amount, d.expected_close, d.stage, d.closed_at)
        """;

    private const string InsertDealsSql = """
        insert into deals (customer_id, owner_id, title, amount, expected_close, stage, closed_at, import_key, created_at, updated_at)
        select i.customer_id, coalesce(i.owner_id, i.default_owner_id), coalesce(i.title, ''), i.amount, i.expected_close,
               coalesce(i.stage, 'qualified'), i.closed_at, i.import_key, @Now, @Now
        from import_deals i
        where not exists (select 1 from deals d where d.import_key = i.import_key)
        """;

    private sealed record DealLine(
        long CustomerId, long? OwnerId, long? DefaultOwnerId, string? Title, decimal? Amount, DateOnly? ExpectedClose,
        FunnelStage? Stage, DateTimeOffset? ClosedAt, string ImportKey);

    public async Task<ImportReport> ImportAsync(byte[] file, CancellationToken ct)
    {
        var report = new ImportReport("商机");
        var rows = CsvTable.Read(file, Columns, report);
        var today = ChinaTime.Today(clock);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var customers = await CustomerLookup.LoadAsync(connection, tx, ct);
        var users = await UserLookup.LoadAsync(connection, tx, ct);

        var deals = new List<DealLine>(rows.Count);
        var firstLineOfKey = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            if (!TryParse(row, customers, users, today, out var deal, out var reason))
            {
                report.Reject(row.Line, reason);
                continue;
            }
            if (firstLineOfKey.TryGetValue(deal.ImportKey, out var earlier))
            {
                report.Reject(row.Line, row.Get("deal_no") is { } dealNo
                    ? $"商机编号「{dealNo}」与第 {earlier} 行重复"
                    : $"与第 {earlier} 行是同一客户的同名商机，请用商机名称或商机编号区分");
                continue;
            }
            firstLineOfKey[deal.ImportKey] = row.Line;
            deals.Add(deal);
        }

        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: tx, cancellationToken: ct));
        await CopyAsync(connection, deals, ct);
        await connection.ExecuteAsync(new CommandDefinition("analyze import_deals", transaction: tx, cancellationToken: ct));
        var args = new { Now = clock.GetUtcNow().ToUniversalTime() };
        report.Updated = await connection.ExecuteAsync(new CommandDefinition(UpdateDealsSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Added = await connection.ExecuteAsync(new CommandDefinition(InsertDealsSql, args, tx, cancellationToken: ct, commandTimeout: 300));
        report.Unchanged = deals.Count - report.Added - report.Updated;

        await ImportAudit.RecordAsync(connection, tx, "deals", report, ct);
        await tx.CommitAsync(ct);
        return report;
    }

    private static bool TryParse(CsvRow row, CustomerLookup customers, UserLookup users, DateOnly today, out DealLine deal, out string reason)
    {
        deal = null!;
        if (row.Get("customer") is not { } customerText)
        {
            reason = "缺少客户名称";
            return false;
        }
        if (!customers.TryResolve(customerText, out var customer, out reason))
            return false;

        if (!users.TryResolveOwner(row.Get("owner"), out var ownerId, out reason))
            return false;

        decimal? amount = null;
        if (row.Get("amount") is { } amountText)
        {
            if (!ImportValues.TryAmount(amountText, out var parsed, out reason))
                return false;
            amount = parsed;
        }

        DateOnly? expectedClose = null;
        if (row.Get("expected_close") is { } expectedText)
        {
            if (!ImportValues.TryDate(expectedText, out var date, out var why))
            {
                reason = "预计签约" + why;
                return false;
            }
            expectedClose = date;
        }

        FunnelStage? stage = null;
        if (row.Get("stage") is { } stageText)
        {
            if (!ImportValues.TryStage(stageText, out var parsed, out reason))
                return false;
            stage = parsed;
        }

        if (!TryClosedAt(row.Get("closed_on"), stage, today, out var closedAt, out reason))
            return false;

        var title = row.Get("title");
        var key = row.Get("deal_no") is { } dealNo ? "no:" + dealNo : $"auto:{customer.Id}:{CustomerNames.Normalize(title ?? "")}";
        deal = new DealLine(customer.Id, ownerId, customer.OwnerId, title, amount, expectedClose, stage, closedAt, key);
        return true;
    }

    /// <summary>A won or lost deal needs the day it closed, an open one must not have one, and no day is in the future.</summary>
    private static bool TryClosedAt(string? text, FunnelStage? stage, DateOnly today, out DateTimeOffset? closedAt, out string reason)
    {
        closedAt = null;
        reason = "";
        var closed = stage is FunnelStage.Won or FunnelStage.Lost;
        var word = stage == FunnelStage.Lost ? "关闭" : "成交";
        if (text is null)
        {
            if (closed)
                reason = $"阶段是{stage!.Value.ChineseName()}，请填{word}日期";
            return !closed;
        }
        if (stage is null)
        {
            reason = $"有{word}日期，请同时写阶段（成交或流失）";
            return false;
        }
        if (!closed)
        {
            reason = $"阶段是{stage.Value.ChineseName()}，还没成交或流失，{word}日期应留空";
            return false;
        }
        if (!ImportValues.TryDate(text, out var date, out var why))
        {
            reason = word + why;
            return false;
        }
        if (date > today)
        {
            reason = $"{word}日期 {date:yyyy-MM-dd} 在未来";
            return false;
        }
        closedAt = ChinaTime.At(date, ClosingTime);
        return true;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<DealLine> deals, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "copy import_deals (customer_id, owner_id, default_owner_id, title, amount, expected_close, stage, closed_at, import_key) from stdin (format binary)", ct);
        foreach (var deal in deals)
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(deal.CustomerId, NpgsqlDbType.Bigint, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.OwnerId, NpgsqlDbType.Bigint, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.DefaultOwnerId, NpgsqlDbType.Bigint, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.Title, NpgsqlDbType.Text, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.Amount, NpgsqlDbType.Numeric, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.ExpectedClose, NpgsqlDbType.Date, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.Stage?.Code(), NpgsqlDbType.Text, ct);
            await CustomerImporter.WriteNullableAsync(writer, deal.ClosedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(deal.ImportKey, NpgsqlDbType.Text, ct);
        }
        await writer.CompleteAsync(ct);
    }
}
