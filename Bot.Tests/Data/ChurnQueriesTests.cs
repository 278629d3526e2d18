using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

public sealed class ChurnQueriesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly DatabaseFixture _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task Candidates_EachSignalFromRealRows()
    {
        var rep = await _db.Get<IUserDirectory>().UpsertAsync("churn_rep", "刘洋", UserRole.Rep, null, None);
        var other = await _db.Get<IUserDirectory>().UpsertAsync("churn_other", "张伟", UserRole.Rep, null, None);
        var customers = _db.Get<ICustomerRepository>();
        var orders = _db.Get<IOrderRepository>();
        var interactions = _db.Get<IInteractionRepository>();
        async Task<long> Customer(string name, long owner, FunnelStage stage = FunnelStage.Won) =>
            (await customers.AddAsync(new NewCustomer(name, null, [], null, null, null, owner, stage), owner, None)).Id;
        async Task Touch(long id, int daysAgo, params string[] objections) =>
            await interactions.AddAsync(new NewInteraction(id, null, rep.Id, InteractionChannel.Phone,
                new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), "沟通", objections, null, null), None);

        var healthy = await Customer("健康客户", rep.Id);
        await orders.AddAsync(healthy, Today.AddDays(-10), 1000, None);
        await Touch(healthy, 5);
        var quiet = await Customer("半年没单", rep.Id);
        await orders.AddAsync(quiet, Today.AddDays(-200), 1000, None);
        await Touch(quiet, 5);
        var slowing = await Customer("节奏变慢", rep.Id);
        foreach (var days in new[] { 100, 90, 80, 70, 60 })
            await orders.AddAsync(slowing, Today.AddDays(-days), 1000, None);
        await Touch(slowing, 5);
        var unhappy = await Customer("有投诉", rep.Id);
        await orders.AddAsync(unhappy, Today.AddDays(-5), 1000, None);
        await Touch(unhappy, 3, "complaint");
        var forgotten = await Customer("没人联系", rep.Id, FunnelStage.Negotiation);
        var removed = await Customer("删了销售", rep.Id);
        await orders.AddAsync(removed, Today.AddDays(-5), 1000, None);
        await Touch(removed, 5);
        await using (var connection = new NpgsqlConnection(_db.ConnectionString))
        {
            await connection.ExecuteAsync("insert into contacts (customer_id, name, wecom_removed_at) values (@Id, '周敏', '2026-11-20T02:00:00Z')", new { Id = removed });
        }
        await Customer("同事的客户", other.Id, FunnelStage.Negotiation);

        var candidates = await _db.Get<IChurnQueries>().CandidatesAsync(new HashSet<long> { rep.Id }, Today, None);
        var signals = candidates.ToDictionary(c => c.Name, c => ChurnRules.Evaluate(c, Today).Select(f => f.Signal).ToArray());

        Assert.DoesNotContain("健康客户", signals.Keys);
        Assert.DoesNotContain("同事的客户", signals.Keys);
        Assert.Equal([ChurnSignal.NoOrder180Days], signals["半年没单"]);
        Assert.Equal([ChurnSignal.RhythmHalved], signals["节奏变慢"]);
        Assert.Equal([ChurnSignal.Complaint], signals["有投诉"]);
        Assert.Equal([ChurnSignal.NoContact60Days], signals["没人联系"]);
        Assert.Equal([ChurnSignal.RemovedRep], signals["删了销售"]);
    }
}
