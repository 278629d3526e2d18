using Bot.Conversations.Customers;
using Bot.Data.Import;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class OrderImporterTests(DatabaseFixture db)
{
    [Fact]
    public async Task Import_MixedFile_KeepsIdenticalOrdersAndIsIdempotent()
    {
        var customer = await db.Get<ICustomerRepository>().AddAsync(
            new NewCustomer("订甲智能装备有限公司", "订甲智能", ["订甲"], "制造", null, null, null, FunnelStage.Won), null, CancellationToken.None);
        var file = CsvFiles.Utf8("""
            客户名称,日期,金额,订单号
            订甲智能装备有限公司,2026-01-15,"12,000",
            订甲智能装备有限公司,2026/03/01,1.5万,
            订甲智能装备有限公司,2026/03/01,1.5万,
            订甲智能,20260401,8000,
            不存在的公司,2026-01-01,100,
            订甲智能装备有限公司,2026-02-30,100,
            订甲智能装备有限公司,2026-05-01,-100,
            订甲智能装备有限公司,2027-01-01,100,
            订甲,2026-06-01,100,A-1
            订甲智能装备有限公司,2026-06-02,200,A-1
            订甲智能装备有限公司,,200,
            """);
        var importer = db.Get<OrderImporter>();

        var first = await importer.ImportAsync(file, CancellationToken.None);
        var again = await importer.ImportAsync(file, CancellationToken.None);

        Assert.Equal((11, 5, 0), (first.Rows, first.Added, first.Updated));
        Assert.Equal(
            [
                (6, "客户「不存在的公司」不存在，请先导入客户"),
                (7, "日期「2026-02-30」不存在"),
                (8, "金额不能为负数（-100）"),
                (9, "下单日期 2027-01-01 在未来"),
                (11, "订单号「A-1」与第 10 行重复"),
                (12, "缺少日期"),
            ],
            first.Rejected.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));
        Assert.Equal((0, 0, 5), (again.Added, again.Updated, again.Unchanged));
        var orders = await db.Get<IOrderRepository>().ListSinceAsync(customer.Id, new DateOnly(2026, 1, 1), CancellationToken.None);
        Assert.Equal(50_100m, orders.Sum(o => o.Amount));
        Assert.Equal(2, orders.Count(o => o.OrderedOn == new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public async Task Import_OrderNumberSeenAgainWithNewAmount_UpdatesThatOrder()
    {
        var customer = await db.Get<ICustomerRepository>().AddAsync(
            new NewCustomer("订乙物流有限公司", null, [], "物流", null, null, null, FunnelStage.Won), null, CancellationToken.None);
        var importer = db.Get<OrderImporter>();

        await importer.ImportAsync(CsvFiles.Utf8("customer,date,amount,order_no\n订乙物流有限公司,2026-02-01,5000,SO-9\n"), CancellationToken.None);
        var corrected = await importer.ImportAsync(CsvFiles.Utf8("customer,date,amount,order_no\n订乙物流有限公司,2026-02-01,5500,SO-9\n"), CancellationToken.None);

        Assert.Equal((0, 1), (corrected.Added, corrected.Updated));
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        Assert.Equal(5500m, await connection.ExecuteScalarAsync<decimal>("select sum(amount) from orders where customer_id = @Id", new { customer.Id }));
    }
}
