using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

public sealed class ChurnFindingsTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private readonly DatabaseFixture _db = new();
    private SalesUser _rep = null!;
    private SalesUser _other = null!;
    private readonly Dictionary<string, long> _ids = [];

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _rep = await _db.Get<IUserDirectory>().UpsertAsync("snap_rep", "刘洋", UserRole.Rep, null, None);
        _other = await _db.Get<IUserDirectory>().UpsertAsync("snap_other", "张伟", UserRole.Rep, null, None);
        var orders = _db.Get<IOrderRepository>();
        await Customer("健康客户", _rep.Id);
        await orders.AddAsync(_ids["健康客户"], Today.AddDays(-10), 1000, None);
        await TouchAsync("健康客户", 5);
        await Customer("半年没单", _rep.Id);
        await orders.AddAsync(_ids["半年没单"], Today.AddDays(-200), 1000, None);
        await TouchAsync("半年没单", 5);
        await Customer("三月没单", _rep.Id);
        await orders.AddAsync(_ids["三月没单"], Today.AddDays(-100), 1000, None);
        await TouchAsync("三月没单", 70);
        await Customer("没人联系", _rep.Id, FunnelStage.Negotiation);
        await Customer("同事的客户", _other.Id, FunnelStage.Negotiation);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private IChurnFindings Findings => _db.Get<IChurnFindings>();

    private async Task Customer(string name, long owner, FunnelStage stage = FunnelStage.Won) =>
        _ids[name] = (await _db.Get<ICustomerRepository>().AddAsync(new NewCustomer(name, null, [], null, null, null, owner, stage), owner, None)).Id;

    private async Task TouchAsync(string name, int daysAgo, params string[] objections) =>
        await _db.Get<IInteractionRepository>().AddAsync(new NewInteraction(_ids[name], null, _rep.Id, InteractionChannel.Phone,
            new DateTimeOffset(Today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), "沟通", objections, null, null), None);

    private async Task<ChurnScanResult> ScanAsync(DateOnly? today = null) =>
        await Findings.ScanAsync(today ?? Today, Now, (_, _) => Task.CompletedTask, None);

    private async Task ExecuteAsync(string sql, object args)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.ExecuteAsync(sql, args);
    }

    private static string Describe(ChurnPage page) =>
        $"{page.Total}: " + string.Join(" | ", page.Top.Select(f => f.Name + " " + string.Join("+", ChurnRules.Evaluate(f, Today).Select(x => x.Signal))));

    /// <summary>The stored list must read exactly as judging the live rows would.</summary>
    private async Task AssertStoredMatchesLiveAsync(IReadOnlySet<long>? owners)
    {
        var stored = await Findings.TopAsync(owners, Today, 10, None);
        var live = ChurnWatchlist.Live(await _db.Get<IChurnQueries>().CandidatesAsync(owners, Today, None), Today, 10);
        Assert.NotNull(stored);
        Assert.Equal(Describe(live), Describe(stored));
    }

    private async Task<string> RepListAsync() => Describe((await Findings.TopAsync(new HashSet<long> { _rep.Id }, Today, 10, None))!);

    [Fact]
    public async Task TopAsync_NoScanForToday_ReturnsNullSoTheLiveRowsAreJudged()
    {
        Assert.Null(await Findings.TopAsync(null, Today, 10, None));
        await ScanAsync(Today.AddDays(-1));

        Assert.Null(await Findings.TopAsync(null, Today, 10, None));
    }

    [Fact]
    public async Task ScanAsync_StoresTheListTheRulesGive_StrongestFirst()
    {
        var result = await ScanAsync();

        Assert.Equal(4, result.AtRisk);
        Assert.Equal("3: 半年没单 NoOrder180Days | 三月没单 NoOrder90Days+NoContact60Days | 没人联系 NoContact60Days", await RepListAsync());
        await AssertStoredMatchesLiveAsync(new HashSet<long> { _rep.Id });
        await AssertStoredMatchesLiveAsync(new HashSet<long> { _rep.Id, _other.Id });
        await AssertStoredMatchesLiveAsync(null);
    }

    [Fact]
    public async Task TopAsync_InteractionsAfterTheScan_ListChangesAtOnce()
    {
        await ScanAsync();

        await TouchAsync("没人联系", 0);
        await TouchAsync("健康客户", 1, "complaint");

        Assert.Equal("3: 健康客户 Complaint | 半年没单 NoOrder180Days | 三月没单 NoOrder90Days+NoContact60Days", await RepListAsync());
        await AssertStoredMatchesLiveAsync(null);
    }

    [Fact]
    public async Task TopAsync_OrderAfterTheScan_CustomerLeavesTheList()
    {
        await ScanAsync();

        await _db.Get<IOrderRepository>().AddAsync(_ids["半年没单"], Today, 5000, None);

        Assert.Equal("2: 三月没单 NoOrder90Days+NoContact60Days | 没人联系 NoContact60Days", await RepListAsync());
        await AssertStoredMatchesLiveAsync(null);
    }

    [Fact]
    public async Task TopAsync_ContactRemovedTheRepAfterTheScan_ListedFirst()
    {
        await _db.Get<ICustomerRepository>().AddContactAsync(new NewContact(_ids["健康客户"], "周敏", null, null, "wm_snap_zhoumin", null, null), None);
        await ScanAsync();

        await _db.Get<IExternalContactStore>().SetRemovedAsync("wm_snap_zhoumin", Now, None);

        Assert.StartsWith("4: 健康客户 RemovedRep | 半年没单", await RepListAsync());
        await AssertStoredMatchesLiveAsync(null);
    }

    [Fact]
    public async Task TopAsync_StageOwnerAndDeletionAfterTheScan_Followed()
    {
        await ScanAsync();

        await _db.Get<ICustomerRepository>().ChangeStageAsync(_ids["半年没单"], FunnelStage.Lost, _rep.Id, Now, None);
        await ExecuteAsync("update customers set owner_id = @Other where id = @Id", new { Other = _other.Id, Id = _ids["三月没单"] });
        await _db.Get<ICustomerRepository>().SoftDeleteAsync(_ids["同事的客户"], Now, None);

        Assert.Equal("1: 没人联系 NoContact60Days", await RepListAsync());
        Assert.Equal("1: 三月没单 NoOrder90Days+NoContact60Days", Describe((await Findings.TopAsync(new HashSet<long> { _other.Id }, Today, 10, None))!));
        await AssertStoredMatchesLiveAsync(null);
    }

    [Fact]
    public async Task TopAsync_ChangesCommittedDuringARead_NoneLost()
    {
        await ScanAsync();

        // Many writers marking while readers take the marks: whatever interleaving, the last read sees every write.
        var writes = Enumerable.Range(0, 20).Select(async i =>
        {
            await _db.Get<IOrderRepository>().AddAsync(_ids["半年没单"], Today.AddDays(-150 + i), 100, None);
            await Findings.TopAsync(null, Today, 10, None);
        });
        var complaint = Task.Run(async () => await TouchAsync("健康客户", 0, "complaint"));
        await Task.WhenAll([.. writes, complaint]);

        await AssertStoredMatchesLiveAsync(null);
        Assert.Contains("健康客户 Complaint", await RepListAsync());
    }

    [Fact]
    public async Task ScanAsync_Twice_OnlyNewSignalsAreChanges()
    {
        var first = await ScanAsync();
        var second = await ScanAsync();
        await TouchAsync("健康客户", 1, "complaint");
        await TouchAsync("半年没单", 2, "complaint");
        // A daytime read stores the new findings; the next scan still reports them as new.
        await Findings.TopAsync(null, Today, 10, None);
        var third = await ScanAsync();

        Assert.Equal(["三月没单:NoOrder90Days,NoContact60Days", "半年没单:NoOrder180Days", "同事的客户:NoContact60Days", "没人联系:NoContact60Days"],
            first.Changes.Select(c => $"{c.Facts.Name}:{string.Join(",", c.NewSignals)}").Order());
        Assert.Empty(second.Changes);
        Assert.Equal(["健康客户:Complaint", "半年没单:Complaint"], third.Changes.Select(c => $"{c.Facts.Name}:{string.Join(",", c.NewSignals)}").Order());
    }
}
