using Bot.Conversations.Pipeline;
using Bot.Data.Messaging;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Data;

public sealed class OutboxStoreTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DatabaseFixture _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private static OutgoingMessage Message(string key, string to = "lina") => new(key, "app", to, "message", """{"touser":"lina","msgtype":"text","text":{"content":"你好"}}""");

    [Fact]
    public async Task Enqueue_SameKeyTwice_OneRow()
    {
        var outbox = _db.Get<OutboxStore>();
        await outbox.EnqueueAsync([Message("k1"), Message("k1")], None);
        await outbox.EnqueueAsync([Message("k1")], None);

        Assert.Single(await outbox.ClaimDueAsync(10, TimeSpan.FromSeconds(30), "host-a", None));
    }

    [Fact]
    public async Task Claim_TwoClaimersAtOnce_GetDisjointRows()
    {
        var outbox = _db.Get<OutboxStore>();
        await outbox.EnqueueAsync([.. Enumerable.Range(0, 40).Select(i => Message($"c{i}", $"member{i}"))], None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => outbox.ClaimDueAsync(15, TimeSpan.FromSeconds(30), "host-a", None)));

        var ids = claims.SelectMany(c => c.Select(r => r.Id)).ToList();
        Assert.Equal(40, ids.Count);
        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task Claim_TwoRepliesToOneMember_TheSecondOnlyOnceTheFirstIsSent()
    {
        var outbox = _db.Get<OutboxStore>();
        await outbox.EnqueueAsync([Message("order:0"), Message("order:1"), Message("other", "zhangwei")], None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => outbox.ClaimDueAsync(8, TimeSpan.FromSeconds(30), "host-a", None)));
        var first = claims.SelectMany(c => c).ToList();
        Assert.Equal(["order:0", "other"], first.Select(r => r.IdempotencyKey).Order());

        await outbox.MarkSentAsync(first.Single(r => r.Recipient == "lina").Id, "m0", None);
        Assert.Equal("order:1", Assert.Single(await outbox.ClaimDueAsync(8, TimeSpan.FromSeconds(30), "host-a", None)).IdempotencyKey);
    }

    [Fact]
    public async Task Lifecycle_RetryDeferParkRequeueSent()
    {
        var outbox = _db.Get<OutboxStore>();
        await outbox.EnqueueAsync([Message("life")], None);
        var row = Assert.Single(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None));
        Assert.Equal(("sending", 1), (row.Status, row.Attempts));

        await outbox.DeferAsync(row.Id, DateTimeOffset.UtcNow.AddMilliseconds(-1), "测试", None);
        row = Assert.Single(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None));
        Assert.Equal(1, row.Attempts);

        await outbox.RetryLaterAsync(row.Id, "WeCom answered HTTP 502", TimeSpan.FromHours(1), None);
        Assert.Empty(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None));

        await outbox.ParkAsync(row.Id, "errcode 40003", None);
        Assert.True(await outbox.RequeueAsync(row.Id, None));
        Assert.False(await outbox.RequeueAsync(row.Id, None));
        row = Assert.Single(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None));
        await outbox.MarkSentAsync(row.Id, "msgid-1", None);

        var sent = await outbox.GetAsync(row.Id, None);
        Assert.Equal(("sent", "msgid-1", 1), (sent!.Status, sent.WecomMsgid, sent.Attempts));
    }

    [Fact]
    public async Task Claim_LeaseOfDeadDispatcherRunsOut_RowIsClaimedAgain()
    {
        var outbox = _db.Get<OutboxStore>();
        await outbox.EnqueueAsync([Message("lease")], None);
        Assert.Single(await outbox.ClaimDueAsync(1, TimeSpan.FromMilliseconds(300), "host-a", None));
        Assert.Empty(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None));

        IReadOnlyList<OutboxRow> again = [];
        for (var i = 0; i < 100 && again.Count == 0; i++)
        {
            await Task.Delay(50);
            again = await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None);
        }
        Assert.Equal(2, Assert.Single(again).Attempts);
    }

    [Fact]
    public async Task ReleaseOwn_HostRestartedAfterACrash_ItsSendingRowsDueAtOnceAttemptKept_OtherHostsUntouched()
    {
        var outbox = _db.Get<OutboxStore>();
        await outbox.EnqueueAsync([Message("mine", "lina"), Message("theirs", "zhangwei")], None);
        var mine = Assert.Single(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-a", None));
        var theirs = Assert.Single(await outbox.ClaimDueAsync(1, TimeSpan.FromSeconds(30), "host-b", None));

        Assert.Equal(1, await outbox.ReleaseOwnAsync("host-a", None));

        // Claimed again at once, as a second try: a greeting is looked up in WeCom first, and the old attempt's fence is dead.
        var again = Assert.Single(await outbox.ClaimDueAsync(8, TimeSpan.FromSeconds(30), "host-a", None));
        Assert.Equal((mine.Id, 2), (again.Id, again.Attempts));
        Assert.False(await outbox.RenewAsync(mine.Id, mine.Attempts, TimeSpan.FromSeconds(30), None));
        Assert.Equal("sending", (await outbox.GetAsync(theirs.Id, None))!.Status);
    }

    [Fact]
    public async Task Inbound_RecordTwiceCompleteWithReplies_RepliesQueuedOnce()
    {
        var inbox = _db.Get<InboundStore>();
        var id = await inbox.RecordAsync("app", "app:msg:1", "lina", "text", """{"Content":"hi"}""", null, None);
        Assert.NotNull(id);
        Assert.Null(await inbox.RecordAsync("app", "app:msg:1", "lina", "text", """{"Content":"hi"}""", null, None));

        var claimed = Assert.Single(await inbox.ClaimAsync(10, TimeSpan.FromSeconds(30), "test-host", None));
        await inbox.CompleteAsync(claimed.Id, [Message("reply:1:0")], None);
        // A second completion (the worker crashed after committing, say) queues nothing new.
        await inbox.CompleteAsync(claimed.Id, [Message("reply:1:0")], None);

        Assert.Empty(await inbox.ClaimAsync(10, TimeSpan.FromSeconds(30), "test-host", None));
        Assert.Single(await _db.Get<OutboxStore>().ClaimDueAsync(10, TimeSpan.FromSeconds(30), "host-a", None));
    }
}
