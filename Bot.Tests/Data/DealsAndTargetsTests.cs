using Bot.Conversations.Customers;
using Bot.Conversations.Deals;
using Bot.Conversations.Targets;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Data;

/// <summary>Deals and targets in PostgreSQL: open/close/reopen, restore for undo, target upserts, signed totals and the pipeline.</summary>
[Collection(SharedDatabase.Name)]
public sealed class DealsAndTargetsTests(DatabaseFixture db)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    private async Task<(long Rep, long Customer)> RepWithCustomerAsync(string tag)
    {
        var rep = await db.Get<IUserDirectory>().UpsertAsync("deal_" + tag, "商机" + tag, UserRole.Rep, null, None);
        var customer = await db.Get<ICustomerRepository>().AddAsync(new NewCustomer($"商机测试{tag}有限公司", "商机" + tag, [], null, null, null, rep.Id, FunnelStage.Negotiation), null, None);
        return (rep.Id, customer.Id);
    }

    [Fact]
    public async Task Deal_WonThenRestored_IsOpenAgainExactlyAsBefore()
    {
        var deals = db.Get<IDealRepository>();
        var (rep, customer) = await RepWithCustomerAsync("a");
        var deal = await deals.AddAsync(new NewDeal(customer, rep, "二期", 150_000m, new DateOnly(2026, 12, 31), FunnelStage.Negotiation, rep, null), Now, None);

        var before = await deals.ChangeAsync(deal.Id, new DealChange(Amount: 250_000m, Stage: FunnelStage.Won), Now.AddHours(1), None);
        var won = await deals.GetAsync(deal.Id, None);

        Assert.Equal(deal, before);
        Assert.Equal((FunnelStage.Won, 250_000m, Now.AddHours(1)), (won!.Stage, won.Amount!.Value, won.ClosedAt!.Value));
        await deals.RestoreAsync(before, None);
        Assert.Equal(deal, await deals.GetAsync(deal.Id, None));
    }

    [Fact]
    public async Task Deal_MovedBackToAnOpenStage_Reopens()
    {
        var deals = db.Get<IDealRepository>();
        var (rep, customer) = await RepWithCustomerAsync("b");
        var deal = await deals.AddAsync(new NewDeal(customer, rep, "", 80_000m, null, FunnelStage.Lost, rep, null), Now, None);
        Assert.False(deal.IsOpen);

        await deals.ChangeAsync(deal.Id, new DealChange(Stage: FunnelStage.Qualified), Now, None);

        Assert.True((await deals.GetAsync(deal.Id, None))!.IsOpen);
    }

    [Fact]
    public async Task Target_SetTwice_ReturnsTheOneReplaced_AndRemoveClearsIt()
    {
        var targets = db.Get<ITargetRepository>();
        var (rep, _) = await RepWithCustomerAsync("c");
        var december = TargetPeriod.MonthOf(new DateOnly(2026, 12, 5));
        var first = new SalesTarget(rep, TargetScope.Personal, december, 500_000m, null, Now);

        Assert.Null(await targets.SetAsync(first, None));
        var replaced = await targets.SetAsync(first with { Amount = 600_000m }, None);

        Assert.Equal(first, replaced);
        Assert.Equal(600_000m, Assert.Single(await targets.ListAsync([rep], december, None)).Amount);
        await targets.RemoveAsync(rep, TargetScope.Personal, december, None);
        Assert.Empty(await targets.ListAsync([rep], december, None));
    }

    [Fact]
    public async Task SignedAndPipeline_CountOnlyTheScope_AndTheRightDeals()
    {
        var deals = db.Get<IDealRepository>();
        var results = db.Get<ISalesResults>();
        var (rep, customer) = await RepWithCustomerAsync("d");
        var (other, theirs) = await RepWithCustomerAsync("e");
        await deals.AddAsync(new NewDeal(customer, rep, "", 100_000m, null, FunnelStage.Won, rep, null), Now, None);
        await deals.AddAsync(new NewDeal(customer, rep, "二期", 200_000m, new DateOnly(2026, 12, 20), FunnelStage.Negotiation, rep, null), Now, None);
        await deals.AddAsync(new NewDeal(customer, rep, "三期", 50_000m, new DateOnly(2027, 2, 1), FunnelStage.Lead, rep, null), Now, None);
        await deals.AddAsync(new NewDeal(customer, rep, "续约", 30_000m, null, FunnelStage.Qualified, rep, null), Now, None);
        await deals.AddAsync(new NewDeal(theirs, other, "", 999_000m, new DateOnly(2026, 12, 15), FunnelStage.Negotiation, other, null), Now, None);
        var mine = new HashSet<long> { rep };

        var signed = Assert.Single(await results.SignedAsync(mine, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), None));
        var pipeline = await results.PipelineAsync(mine, new DateOnly(2027, 1, 1), 10, None);

        Assert.Equal((rep, 100_000m, 1), (signed.OwnerId, signed.Amount, signed.Deals));
        Assert.Equal(280_000m, pipeline.Open.Sum(s => s.Amount));
        Assert.Equal(200_000m, pipeline.Closing.Sum(s => s.Amount));
        Assert.Equal(1, pipeline.Undated);
        Assert.Equal("二期", Assert.Single(pipeline.ClosingDeals).Title);
    }
}
