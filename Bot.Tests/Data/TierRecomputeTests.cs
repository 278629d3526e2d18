using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Tiering;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Tests.Data;

public sealed class TierRecomputeTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DatabaseFixture _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private TierRecompute Recompute() => new(_db.Get<ITierStore>(), new CustomerTierPolicy(Options.Create(new TieringOptions().WithGuideDefaults())),
        _db.Get<IUserDirectory>(), _db.Clock);

    [Fact]
    public async Task Recompute_OrdersLiftACustomer_TierChangeRecordedAndOwnerTold()
    {
        var rep = await _db.Get<IUserDirectory>().UpsertAsync("tier_rep", "陈静", UserRole.Rep, null, None);
        var customers = _db.Get<ICustomerRepository>();
        var haichuan = await customers.AddAsync(new NewCustomer("海川医疗器械有限公司", "海川医疗", [], "医疗", null, null, rep.Id, FunnelStage.Won), rep.Id, None);
        var quiet = await customers.AddAsync(new NewCustomer("静默客户有限公司", null, [], null, null, null, rep.Id, FunnelStage.Won), rep.Id, None);
        var orders = _db.Get<IOrderRepository>();
        await orders.AddAsync(haichuan.Id, new DateOnly(2026, 3, 1), 60_000, None);
        // Older than twelve months: ignored.
        await orders.AddAsync(quiet.Id, new DateOnly(2025, 10, 1), 500_000, None);

        var first = await Recompute().RunAsync(None);
        await orders.AddAsync(haichuan.Id, new DateOnly(2026, 10, 10), 30_000, None);
        await orders.AddAsync(haichuan.Id, new DateOnly(2026, 11, 1), 20_000, None);
        await orders.AddAsync(haichuan.Id, new DateOnly(2026, 11, 20), 10_000, None);
        var second = await Recompute().RunAsync(None);

        Assert.Equal((2, 0), (first.Changed, first.Notices.Count));
        Assert.Equal(1, second.Changed);
        var notice = Assert.Single(second.Notices);
        Assert.Equal(("tier_rep", "客户分级有变化：\n海川医疗 B→A：近12个月合作12万（≥10万），近90天下单3次"), (notice.ToUserId, notice.Reply.Text));
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        Assert.Equal(["-→B", "B→A"], await connection.QueryAsync<string>(
            "select coalesce(from_tier, '-') || '→' || to_tier from tier_history where customer_id = @Id order by id", new { haichuan.Id }));
        // M looks at the last twelve months too, so last year's big spender with nothing since is 一般挽留 in RFM terms.
        Assert.Equal("C|一般挽留客户", await connection.ExecuteScalarAsync<string>(
            "select tier || '|' || rfm_segment from customers where id = @Id", new { quiet.Id }));
    }

    [Fact]
    public async Task Facts_NoOrderHistory_UseTheImportedBaseline()
    {
        var customer = await _db.Get<ICustomerRepository>().AddAsync(new NewCustomer("基线客户有限公司", null, [], null, null, null, null, FunnelStage.Won), null, None);
        await using (var connection = new NpgsqlConnection(_db.ConnectionString))
            await connection.ExecuteAsync("update customers set baseline_annual_amount = 80000, baseline_order_count = 4, baseline_last_order_on = '2026-11-01' where id = @Id", new { customer.Id });

        var facts = Assert.Single(await _db.Get<ITierStore>().LoadFactsAsync(new DateOnly(2026, 11, 24), customer.Id, None));

        Assert.Equal((80_000m, 4, new DateOnly(2026, 11, 1)), (facts.YearAmount, facts.YearOrders, facts.LastOrderOn));
    }
}
