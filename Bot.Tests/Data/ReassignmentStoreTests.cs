using Bot.Conversations.Customers;
using Bot.Conversations.Deals;
using Bot.Conversations.Reassignment;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

/// <summary>Reassignments and the WeChat account transfers they queue, in PostgreSQL.</summary>
[Collection(SharedDatabase.Name)]
public sealed class ReassignmentStoreTests(DatabaseFixture db)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);

    private sealed record Book(SalesUser From, SalesUser To, long Customer, long Other, long OpenDeal, long WonDeal, long OwnReminder, long ManagersReminder);

    /// <summary>Two reps of one manager; the first owns two customers with follow-ups, deals and WeChat-linked contacts.</summary>
    private async Task<Book> BookAsync(string tag)
    {
        var users = db.Get<IUserDirectory>();
        var manager = await users.UpsertAsync($"ra_{tag}_boss", "主管" + tag, UserRole.Manager, null, None);
        var from = await users.UpsertAsync($"ra_{tag}_from", "原销售" + tag, UserRole.Rep, manager.Id, None);
        var to = await users.UpsertAsync($"ra_{tag}_to", "新销售" + tag, UserRole.Rep, manager.Id, None);
        var customers = db.Get<ICustomerRepository>();
        var customer = await customers.AddAsync(new NewCustomer($"转移测试{tag}甲有限公司", $"转移{tag}甲", [], null, null, null, from.Id, FunnelStage.Negotiation), null, None);
        var other = await customers.AddAsync(new NewCustomer($"转移测试{tag}乙有限公司", $"转移{tag}乙", [], null, null, null, from.Id, FunnelStage.Qualified), null, None);
        await customers.AddContactAsync(new NewContact(customer.Id, "赵总", "总经理", null, $"wm_{tag}_zhao", null, null), None);
        await customers.AddContactAsync(new NewContact(customer.Id, "钱工", "工程师", null, null, null, null), None);
        await customers.AddContactAsync(new NewContact(other.Id, "孙经理", "采购经理", null, $"wm_{tag}_sun", null, null), None);
        await customers.AddContactAsync(new NewContact(other.Id, "李主任", null, null, $"wm_{tag}_li", null, null), None);
        await db.Get<IExternalContactStore>().SetRemovedAsync($"wm_{tag}_li", Now.AddDays(-3), None);
        var deals = db.Get<IDealRepository>();
        var open = await deals.AddAsync(new NewDeal(customer.Id, from.Id, "", 200_000m, null, FunnelStage.Negotiation, from.Id, null), Now, None);
        var won = await deals.AddAsync(new NewDeal(customer.Id, from.Id, "一期", 80_000m, null, FunnelStage.Won, from.Id, null), Now, None);
        var reminders = db.Get<IReminderRepository>();
        var own = await reminders.AddAsync(from.Id, customer.Id, Now.AddDays(2), "跟进报价", "manual", None);
        var managers = await reminders.AddAsync(manager.Id, customer.Id, Now.AddDays(3), "主管陪访", "manual", None);
        var done = await reminders.AddAsync(from.Id, other.Id, Now.AddDays(-2), "送样品", "manual", None);
        await reminders.CompleteAsync(done.Id, from.Id, Now.AddDays(-1), None);
        return new Book(from, to, customer.Id, other.Id, open.Id, won.Id, own.Id, managers.Id);
    }

    private async Task<T?> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private static ReassignmentPlan Plan(Book book, params long[] customers) =>
        new(book.To.Id, [.. customers.Select(c => new PlannedMove(c, book.From.Id))], WholeBook: false);

    [Fact]
    public async Task Reassign_WholeBook_MovesOwnersOpenFollowUpsAndOpenDealsWithAuditAndQueuedTransfers()
    {
        var store = db.Get<IReassignmentStore>();
        var book = await BookAsync("a");
        var plan = Plan(book, book.Customer, book.Other);

        var preview = await store.PreviewAsync(plan, None);
        var outcome = await store.ReassignAsync(new ReassignmentRequest(plan, book.From.ManagerId, "chat:ra_a_boss", Now), None);

        Assert.Equal(new ReassignmentPreview(Customers: 2, WeComContacts: 2, Reminders: 1, Deals: 1), preview);
        Assert.NotNull(outcome);
        Assert.Equal((1, 1, 2), (outcome.Reminders, outcome.Deals, outcome.WeComContacts));
        Assert.Equal([("转移a甲", 1), ("转移a乙", 1)], outcome.Customers.OrderBy(c => c.Id).Select(c => (c.Name, c.WeComContacts)));
        Assert.Equal(2L, await QueryAsync<long>("select count(*) from customers where owner_id = @To", new { To = book.To.Id }));
        Assert.Equal(book.To.Id, await QueryAsync<long>("select rep_id from reminders where id = @Id", new { Id = book.OwnReminder }));
        Assert.Equal(book.From.ManagerId, await QueryAsync<long>("select rep_id from reminders where id = @Id", new { Id = book.ManagersReminder }));
        Assert.Equal(book.From.Id, await QueryAsync<long>("select rep_id from reminders where status = 'done' and customer_id = @Id", new { Id = book.Other }));
        Assert.Equal(book.To.Id, await QueryAsync<long>("select owner_id from deals where id = @Id", new { Id = book.OpenDeal }));
        Assert.Equal(book.From.Id, await QueryAsync<long>("select owner_id from deals where id = @Id", new { Id = book.WonDeal }));
        Assert.Equal("wm_a_sun:ra_a_from>ra_a_to:pending,wm_a_zhao:ra_a_from>ra_a_to:pending", await QueryAsync<string>("""
            select string_agg(external_userid || ':' || handover_userid || '>' || takeover_userid || ':' || state, ',' order by external_userid)
            from contact_transfers where reassignment_id = @Id
            """, new { outcome.Id }));
        Assert.Equal("chat:ra_a_boss|2|1|1|2", await QueryAsync<string>("""
            select a.detail->>'by' || '|' || jsonb_array_length(a.detail->'customers') || '|' || (a.detail->>'reminders') || '|' || (a.detail->>'deals')
                || '|' || (a.detail->>'wecom_contacts')
            from audit_log a where a.action = 'reassign' and a.entity = 'reassignments' and a.entity_id = @Id and a.actor_id = @Actor
            """, new { outcome.Id, Actor = book.From.ManagerId }));
    }

    [Fact]
    public async Task Reassign_CustomerMovedByAnotherMeanwhile_LeftWhereItIs()
    {
        var store = db.Get<IReassignmentStore>();
        var book = await BookAsync("b");
        var elsewhere = await db.Get<IUserDirectory>().UpsertAsync("ra_b_else", "别的销售b", UserRole.Rep, book.From.ManagerId, None);
        var plan = Plan(book, book.Customer, book.Other);
        await store.ReassignAsync(new ReassignmentRequest(new ReassignmentPlan(elsewhere.Id, [new PlannedMove(book.Other, book.From.Id)], false), null, "cli", Now), None);

        var outcome = await store.ReassignAsync(new ReassignmentRequest(plan, null, "cli", Now), None);
        var again = await store.ReassignAsync(new ReassignmentRequest(plan, null, "cli", Now), None);

        Assert.Equal([book.Customer], outcome!.Customers.Select(c => c.Id));
        Assert.Null(again);
        Assert.Equal(elsewhere.Id, await QueryAsync<long>("select owner_id from customers where id = @Id", new { Id = book.Other }));
    }

    [Fact]
    public async Task Transfers_ClaimedStartedCheckedAndFailed_FollowTheirStates()
    {
        var store = db.Get<IReassignmentStore>();
        var transfers = db.Get<IContactTransferStore>();
        var book = await BookAsync("c");
        var outcome = await store.ReassignAsync(new ReassignmentRequest(Plan(book, book.Customer, book.Other), null, "cli", Now), None);
        var pair = new TransferPair(book.From.WeComUserId, book.To.WeComUserId, Resigned: false);

        var claimed = await transfers.ClaimAsync(outcome!.Id, Now, 100, None);
        var claimedAgain = await transfers.ClaimAsync(outcome.Id, Now, 100, None);
        var zhao = claimed.Single(t => t.ExternalUserId == "wm_c_zhao");
        var sun = claimed.Single(t => t.ExternalUserId == "wm_c_sun");
        await transfers.RecordStartedAsync([(zhao.Id, 0), (sun.Id, 40131)], Now, None);
        var dueAtOnce = await transfers.DueForCheckAsync(Now.AddMinutes(1), Now, Now, None);
        var dueLater = await transfers.DueForCheckAsync(Now.AddHours(1), Now.AddMinutes(30), Now, None);
        await transfers.RecordStatesAsync(pair, [new TransferState("wm_c_zhao", TransferStatus.Refused, null)], Now.AddHours(1), Now, 3, None);

        Assert.Equal(2, claimed.Count);
        Assert.All(claimed, t => Assert.Equal((pair, "新销售c"), (t.Pair, t.TakeoverName)));
        Assert.Empty(claimedAgain);
        Assert.Empty(dueAtOnce);
        Assert.Equal([pair], dueLater);
        Assert.Equal("wm_c_sun:failed:40131:,wm_c_zhao:refused:0:3", await QueryAsync<string>("""
            select string_agg(external_userid || ':' || state || ':' || errcode || ':' || coalesce(status::text, ''), ',' order by external_userid)
            from contact_transfers where reassignment_id = @Id
            """, new { outcome.Id }));
        Assert.Equal(book.From.WeComUserId, await QueryAsync<string>("select wecom_follow_user from contacts where wecom_external_userid = 'wm_c_zhao'"));
        var failed = Assert.Single(await transfers.UntoldFailuresAsync(None), f => f.Id == zhao.Id);
        Assert.Equal(new FailedTransfer(zhao.Id, TransferStatus.Refused, "转移c甲", "赵总", "ra_c_from", "原销售c", true, "ra_c_to", "新销售c", true), failed);
        await transfers.MarkToldAsync([zhao.Id], Now, None);
        Assert.DoesNotContain(await transfers.UntoldFailuresAsync(None), f => f.Id == zhao.Id);
    }

    [Fact]
    public async Task Transfers_RequestLeftUnanswered_LookedUpThenQueuedAgainOrWaiting()
    {
        var store = db.Get<IReassignmentStore>();
        var transfers = db.Get<IContactTransferStore>();
        var book = await BookAsync("d");
        var outcome = await store.ReassignAsync(new ReassignmentRequest(Plan(book, book.Customer, book.Other), null, "cli", Now), None);
        var pair = new TransferPair(book.From.WeComUserId, book.To.WeComUserId, Resigned: false);
        await transfers.ClaimAsync(outcome!.Id, Now, 100, None);

        var notYet = await transfers.DueForCheckAsync(Now.AddMinutes(2), Now, Now.AddMinutes(-3), None);
        var due = await transfers.DueForCheckAsync(Now.AddMinutes(6), Now, Now.AddMinutes(1), None);
        var takeover = Now.AddHours(24);
        await transfers.RecordStatesAsync(pair, [new TransferState("wm_d_zhao", TransferStatus.Waiting, takeover)], Now.AddMinutes(6), Now.AddMinutes(1), 3, None);
        var requeued = await transfers.ClaimAsync(outcome.Id, Now.AddMinutes(6), 100, None);
        await transfers.RecordStatesAsync(pair, [new TransferState("wm_d_zhao", TransferStatus.TakenOver, takeover)], takeover.AddMinutes(1), Now, 3, None);

        Assert.Empty(notYet);
        Assert.Equal([pair], due);
        Assert.Equal(["wm_d_sun"], requeued.Select(t => t.ExternalUserId));
        Assert.Equal("taken_over:0:1", await QueryAsync<string>(
            "select state || ':' || errcode || ':' || status from contact_transfers where external_userid = 'wm_d_zhao'"));
        Assert.Equal(2, await QueryAsync<int>("select attempts from contact_transfers where external_userid = 'wm_d_sun'"));
        Assert.Equal(book.To.WeComUserId, await QueryAsync<string>("select wecom_follow_user from contacts where wecom_external_userid = 'wm_d_zhao'"));
    }

    [Fact]
    public async Task Transfers_FailedByCallbackTwice_EndsOnceWithNamesForBothReps()
    {
        var store = db.Get<IReassignmentStore>();
        var transfers = db.Get<IContactTransferStore>();
        var book = await BookAsync("e");
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
            await connection.ExecuteAsync("update users set active = false where id = @Id", new { book.From.Id });
        var outcome = await store.ReassignAsync(new ReassignmentRequest(Plan(book, book.Customer), null, "cli", Now), None);
        var claimed = Assert.Single(await transfers.ClaimAsync(outcome!.Id, Now, 100, None));
        await transfers.RecordStartedAsync([(claimed.Id, 0)], Now, None);

        var failed = await transfers.FailAsync(book.To.WeComUserId, "wm_e_zhao", TransferStatus.TakerAtLimit, "customer_limit_exceed", Now.AddHours(2), None);
        var again = await transfers.FailAsync(book.To.WeComUserId, "wm_e_zhao", TransferStatus.Refused, "customer_refused", Now.AddHours(3), None);

        Assert.True(claimed.Pair.Resigned);
        Assert.Equal(new FailedTransfer(claimed.Id, TransferStatus.TakerAtLimit, "转移e甲", "赵总", "ra_e_from", "原销售e", false, "ra_e_to", "新销售e", true), failed);
        Assert.Null(again);
        Assert.Equal("limit:4:customer_limit_exceed", await QueryAsync<string>(
            "select state || ':' || status || ':' || fail_reason from contact_transfers where id = @Id", new { claimed.Id }));
        Assert.Single(ContactTransferNotices.For(failed!));
    }
}
