using System.Text.Json;
using Bot.Conversations.Churn;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Data.Messaging;
using Bot.Host.Messaging;
using Bot.Host.WeCom;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bot.Tests.Host;

public sealed class ChurnScanTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    // 02:00 in Shanghai on Tuesday 2026-11-24, when the nightly jobs run.
    private static readonly DateTimeOffset Night = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 24);
    private readonly DatabaseFixture _db = new();
    private SalesUser _rep = null!;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        _rep = await _db.Get<IUserDirectory>().UpsertAsync("scan_rep", "陈静", UserRole.Rep, null, None);
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private ChurnScan Service() => new(_db.Get<IChurnFindings>(), new ChurnNotices(_db.Get<IUserDirectory>()), new NoticeOutbox(_db.Get<OutboxStore>(), new WeComChannelMessages()),
        NullLogger<ChurnScan>.Instance);

    private async Task<long> CustomerAsync(string name, int lastOrderDaysAgo, int lastTouchDaysAgo)
    {
        var id = (await _db.Get<ICustomerRepository>().AddAsync(new NewCustomer(name + "有限公司", name, [], null, null, null, _rep.Id, FunnelStage.Won), _rep.Id, None)).Id;
        await _db.Get<IOrderRepository>().AddAsync(id, Today.AddDays(-lastOrderDaysAgo), 1000, None);
        await TouchAsync(id, lastTouchDaysAgo);
        return id;
    }

    private Task<Interaction> TouchAsync(long id, int daysAgo, params string[] objections) =>
        _db.Get<IInteractionRepository>().AddAsync(new NewInteraction(id, null, _rep.Id, InteractionChannel.Phone,
            Night.AddDays(-daysAgo), "沟通", objections, null, null), None);

    private async Task<List<(string Key, string Text)>> NoticesAsync()
    {
        var rows = await _db.Get<OutboxStore>().RecentAsync(["pending", "sending", "sent", "parked"], 100, None);
        return [.. rows.Where(r => r.Recipient == "scan_rep").OrderBy(r => r.Id)
            .Select(r => (r.IdempotencyKey, JsonDocument.Parse(r.Payload).RootElement.GetProperty("text").GetProperty("content").GetString()!))];
    }

    [Fact]
    public async Task RunAsync_NewlyAtRisk_OneNoticeEachWithTheWinBackStep()
    {
        var haichuan = await CustomerAsync("海川医疗", lastOrderDaysAgo: 95, lastTouchDaysAgo: 3);
        await CustomerAsync("星辰网络", lastOrderDaysAgo: 10, lastTouchDaysAgo: 3);

        await Service().RunAsync(Night, None);

        var notice = Assert.Single(await NoticesAsync());
        Assert.Equal($"churn:{haichuan}:NoOrder90Days:20261124", notice.Key);
        Assert.Equal("⚠️ 流失预警：海川医疗，95天没下单。建议：打电话了解近况，推荐新品或专属优惠，促成复购。", notice.Text);
    }

    [Fact]
    public async Task RunAsync_AgainTheSameNightAndTheNext_SameFindingNeverTwice()
    {
        var haichuan = await CustomerAsync("海川医疗", lastOrderDaysAgo: 95, lastTouchDaysAgo: 3);
        await Service().RunAsync(Night, None);

        await Service().RunAsync(Night.AddMinutes(5), None);
        await Service().RunAsync(Night.AddDays(1), None);
        await TouchAsync(haichuan, 0, "complaint");
        await Service().RunAsync(Night.AddDays(2), None);

        Assert.Equal([$"churn:{haichuan}:NoOrder90Days:20261124", $"churn:{haichuan}:Complaint:20261126"], (await NoticesAsync()).Select(n => n.Key));
        Assert.StartsWith("⚠️ 流失预警：海川医疗，近30天投诉1次。建议：按投诉四步处理", (await NoticesAsync())[1].Text);
    }

    [Fact]
    public async Task RunAsync_ManyAtOnce_MostUrgentOneByOneAndThenAPointerToTheList()
    {
        for (var i = 0; i < ChurnNotices.OneByOne + 2; i++)
            await CustomerAsync($"客户{i}", lastOrderDaysAgo: 100 + 20 * i, lastTouchDaysAgo: 3);

        await Service().RunAsync(Night, None);

        var notices = await NoticesAsync();
        Assert.Equal(ChurnNotices.OneByOne + 1, notices.Count);
        // 180 days without an order is stronger than 90: those three come first.
        Assert.StartsWith("⚠️ 流失预警：客户4，180天没下单。", notices[0].Text);
        Assert.Equal("另有2个客户新出现流失信号，发「哪些客户快流失了」查看全部。", notices[^1].Text);
    }
}
