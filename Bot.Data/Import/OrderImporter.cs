using System.Globalization;
using Bot.Conversations.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Bot.Data.Import;

/// <summary>
/// Imports order history: customer,date,amount[,order_no] (客户名称,日期,金额[,订单号]). Without an order number,
/// an order is identified by customer, date, amount and how many identical ones came before it in the file,
/// so re-importing the same file changes nothing while two real identical orders both count.
/// </summary>
public sealed class OrderImporter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly CsvColumn[] Columns =
    [
        new("customer", true, "客户名称", "客户", "公司名称"),
        new("date", true, "日期", "下单日期", "订单日期"),
        new("amount", true, "金额", "订单金额", "合同金额"),
        new("order_no", false, "订单号", "单号", "订单编号"),
    ];

    private const string CreateStagingSql = """
        create temp table import_orders (customer_id bigint, ordered_on date, amount numeric(14, 2), import_key text) on commit drop
        """;

    private const string UpdateOrdersSql = """
        update orders o set customer_id = i.customer_id, ordered_on = i.ordered_on, amount = i.amount
        from import_orders i
        where o.import_key = i.import_key
          and (o.customer_id, o.ordered_on, o.amount) is distinct from (i.customer_id, i.ordered_on, i.amount)
        """;

    private const string InsertOrdersSql = """
        insert into orders (customer_id, ordered_on, amount, import_key)
        select i.customer_id, i.ordered_on, i.amount, i.import_key from import_orders i
        where not exists (select 1 from orders o where o.import_key = i.import_key)
        """;

    private sealed record OrderLine(long CustomerId, DateOnly OrderedOn, decimal Amount, string ImportKey);

    public async Task<ImportReport> ImportAsync(byte[] file, CancellationToken ct)
    {
        var report = new ImportReport("订单");
        var rows = CsvTable.Read(file, Columns, report);
        var today = ChinaTime.Today(clock);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var customers = await CustomerLookup.LoadAsync(connection, tx, ct);

        var orders = new List<OrderLine>(rows.Count);
        var occurrences = new Dictionary<string, int>();
        var orderNumbers = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var customerText = row.Get("customer");
            if (customerText is null)
            {
                report.Reject(row.Line, "缺少客户名称");
                continue;
            }
            if (!customers.TryResolve(customerText, out var customer, out var reason))
            {
                report.Reject(row.Line, reason);
                continue;
            }
            if (!ImportValues.TryDate(row.Get("date") ?? "", out var date, out reason)
                || !ImportValues.TryAmount(row.Get("amount") ?? "", out var amount, out reason))
            {
                report.Reject(row.Line, row.Get("date") is null ? "缺少日期" : row.Get("amount") is null ? "缺少金额" : reason);
                continue;
            }
            if (date > today)
            {
                report.Reject(row.Line, $"下单日期 {date:yyyy-MM-dd} 在未来");
                continue;
            }
            string key;
            if (row.Get("order_no") is { } orderNo)
            {
                if (orderNumbers.TryGetValue(orderNo, out var earlier))
                {
                    report.Reject(row.Line, $"订单号「{orderNo}」与第 {earlier} 行重复");
                    continue;
                }
                orderNumbers[orderNo] = row.Line;
                key = "no:" + orderNo;
            }
            else
            {
                var identity = string.Create(CultureInfo.InvariantCulture, $"auto:{customer.Id}:{date:yyyy-MM-dd}:{amount:0.00}");
                occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;
                key = $"{identity}:{occurrences[identity]}";
            }
            orders.Add(new OrderLine(customer.Id, date, amount, key));
        }

        await connection.ExecuteAsync(new CommandDefinition(CreateStagingSql, transaction: tx, cancellationToken: ct));
        await using (var writer = await connection.BeginBinaryImportAsync(
            "copy import_orders (customer_id, ordered_on, amount, import_key) from stdin (format binary)", ct))
        {
            foreach (var order in orders)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(order.CustomerId, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(order.OrderedOn, NpgsqlDbType.Date, ct);
                await writer.WriteAsync(order.Amount, NpgsqlDbType.Numeric, ct);
                await writer.WriteAsync(order.ImportKey, NpgsqlDbType.Text, ct);
            }
            await writer.CompleteAsync(ct);
        }
        await connection.ExecuteAsync(new CommandDefinition("analyze import_orders", transaction: tx, cancellationToken: ct));
        report.Updated = await connection.ExecuteAsync(new CommandDefinition(UpdateOrdersSql, transaction: tx, cancellationToken: ct, commandTimeout: 300));
        report.Added = await connection.ExecuteAsync(new CommandDefinition(InsertOrdersSql, transaction: tx, cancellationToken: ct, commandTimeout: 300));
        report.Unchanged = orders.Count - report.Added - report.Updated;

        await ImportAudit.RecordAsync(connection, tx, "orders", report, ct);
        await tx.CommitAsync(ct);
        return report;
    }
}
