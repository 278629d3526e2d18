using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class RepositoryTests(DatabaseFixture db)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Users_UpsertAndTeam_RoundTrip()
    {
        var users = db.Get<IUserDirectory>();
        var manager = await users.UpsertAsync("r1_mgr", "冯经理", UserRole.Manager, null, None);
        var rep = await users.UpsertAsync("r1_rep", "褚销售", UserRole.Rep, manager.Id, None);
        var renamed = await users.UpsertAsync("r1_rep", "褚小明", UserRole.Rep, manager.Id, None);

        Assert.Equal(rep.Id, renamed.Id);
        Assert.Equal(renamed, await users.GetAsync(rep.Id, None));
        Assert.Equal([renamed], await users.ListTeamAsync(manager.Id, None));
        Assert.Null(await users.FindByWeComIdAsync("r1_nobody", None));
    }

    [Fact]
    public async Task Customers_AddContactsAndStageChanges_RoundTripWithHistory()
    {
        var owner = await db.Get<IUserDirectory>().UpsertAsync("r2_rep", "卫销售", UserRole.Rep, null, None);
        var customers = db.Get<ICustomerRepository>();

        var added = await customers.AddAsync(
            new NewCustomer("蒋星辰网络科技有限公司", "蒋星辰", ["星辰科技"], "互联网", "100-500人", "上海", owner.Id, FunnelStage.Lead), owner.Id, None);
        var contact = await customers.AddContactAsync(
            new NewContact(added.Id, "李总", "总经理", "13800138000", "wmEXT001", new Birthday(8, 15, null, Lunar: true), "decision_maker"), None);
        var moved = await customers.ChangeStageAsync(added.Id, FunnelStage.Negotiation, owner.Id, BotServices.FixedClock().GetUtcNow(), None);
        var again = await customers.ChangeStageAsync(added.Id, FunnelStage.Negotiation, owner.Id, BotServices.FixedClock().GetUtcNow(), None);

        var loaded = await customers.GetAsync(added.Id, None);
        Assert.Equal(("蒋星辰网络科技有限公司", FunnelStage.Negotiation, owner.Id), (loaded!.LegalName, loaded.Stage, loaded.OwnerId));
        Assert.Equal(["星辰科技"], loaded.Aliases);
        Assert.Equal((true, false), (moved, again));
        Assert.Equal([contact], await customers.ListContactsAsync(added.Id, None));
        Assert.Contains(await customers.ListByOwnersAsync([owner.Id], None), c => c.Id == added.Id);

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        var history = await connection.QueryAsync<string>(
            "select coalesce(from_stage, '-') || '>' || to_stage from stage_history where customer_id = @Id order by id", new { added.Id });
        Assert.Equal(["->lead", "lead>negotiation"], history);
    }

    [Fact]
    public async Task Customers_SameLegalNameTwice_IsRejectedByTheDatabase()
    {
        var customers = db.Get<ICustomerRepository>();
        var customer = new NewCustomer("沈重复测试有限公司", null, [], null, null, null, null, FunnelStage.Lead);
        await customers.AddAsync(customer, null, None);

        var error = await Assert.ThrowsAsync<PostgresException>(() => customers.AddAsync(customer, null, None));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task InteractionsAndOrders_RoundTrip_NewestFirst()
    {
        var rep = await db.Get<IUserDirectory>().UpsertAsync("r3_rep", "韩销售", UserRole.Rep, null, None);
        var customer = await db.Get<ICustomerRepository>().AddAsync(
            new NewCustomer("韩海川医疗器械有限公司", "韩海川", [], "医疗", null, null, rep.Id, FunnelStage.Qualified), rep.Id, None);
        var interactions = db.Get<IInteractionRepository>();
        var earlier = new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.FromHours(8));

        var first = await interactions.AddAsync(new NewInteraction(customer.Id, null, rep.Id, InteractionChannel.Phone, earlier,
            "客户嫌贵", ["price"], null, "刚给韩海川打了电话，他嫌贵"), None);
        var second = await interactions.AddAsync(new NewInteraction(customer.Id, null, rep.Id, InteractionChannel.Visit, earlier.AddDays(2),
            "上门演示", [], 150_000m, null), None);
        var orders = db.Get<IOrderRepository>();
        await orders.AddAsync(customer.Id, new DateOnly(2026, 3, 1), 20_000m, None);
        await orders.AddAsync(customer.Id, new DateOnly(2026, 9, 1), 30_000.5m, None);

        var recentTouches = await interactions.ListRecentAsync(customer.Id, 3, None);
        Assert.Equal([second.Id, first.Id], recentTouches.Select(i => i.Id));
        Assert.Equal(["price"], recentTouches[1].Objections);
        Assert.Equal(earlier, first.OccurredAt);
        var recent = await orders.ListSinceAsync(customer.Id, new DateOnly(2026, 6, 1), None);
        Assert.Equal([(new DateOnly(2026, 9, 1), 30_000.5m)], recent.Select(o => (o.OrderedOn, o.Amount)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => orders.AddAsync(customer.Id, new DateOnly(2026, 9, 2), -1m, None));
    }
}
