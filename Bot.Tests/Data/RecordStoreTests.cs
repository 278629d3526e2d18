using Bot.Conversations.Customers;
using Bot.Conversations.Deals;
using Bot.Conversations.Privacy;
using Bot.Conversations.Records;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data;

/// <summary>
/// Finding, removing, editing and restoring earlier records on real PostgreSQL: every change leaves an audit entry
/// with the rows as they were, and restoring from it gives back the same rows, ids and all.
/// </summary>
[Collection(SharedDatabase.Name)]
public sealed class RecordStoreTests(DatabaseFixture db)
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));

    private IRecordStore Records => db.Get<IRecordStore>();

    private sealed record Book(SalesUser Rep, SalesUser Colleague, Customer Customer);

    private async Task<Book> BookAsync(string tag)
    {
        var users = db.Get<IUserDirectory>();
        var rep = await users.UpsertAsync($"{tag}_rep", $"{tag}销售", UserRole.Rep, null, None);
        var colleague = await users.UpsertAsync($"{tag}_col", $"{tag}同事", UserRole.Rep, null, None);
        var customer = await db.Get<ICustomerRepository>().AddAsync(
            new NewCustomer($"{tag}金禾教育科技有限公司", $"{tag}金禾", [], "教育", null, null, rep.Id, FunnelStage.Qualified), rep.Id, None);
        return new Book(rep, colleague, customer);
    }

    private Task<Interaction> LogAsync(Book book, long repId, InteractionChannel channel, DateTimeOffset at, string text) =>
        db.Get<IInteractionRepository>().AddAsync(new NewInteraction(book.Customer.Id, null, repId, channel, at, text, [], null, text), None);

    private static RecordSearch Search(RecordKind kind, long? author, long? customer, params DateOnly[] days) =>
        new(kind, author, customer, [.. days.Select(d => new DayRange(d, d))], [], null, null, null, 10);

    private async Task<string?> RowAsync(string table, long id)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<string>($"select to_jsonb(x)::text from {table} x where x.id = @Id", new { Id = id });
    }

    [Fact]
    public async Task Find_OwnRecordsOfADay_NewestFirstAndNotAColleaguesOrAnErasedCustomers()
    {
        var book = await BookAsync("rs1");
        var yesterday = Now.AddDays(-1);
        var morning = await LogAsync(book, book.Rep.Id, InteractionChannel.Phone, yesterday.AddHours(-1), "上午电话");
        var afternoon = await LogAsync(book, book.Rep.Id, InteractionChannel.Visit, yesterday.AddHours(3), "下午拜访");
        await LogAsync(book, book.Rep.Id, InteractionChannel.Visit, Now.AddDays(-5), "五天前拜访");
        await LogAsync(book, book.Colleague.Id, InteractionChannel.Visit, yesterday, "同事的拜访");

        var own = await Records.FindAsync(Search(RecordKind.Interaction, book.Rep.Id, book.Customer.Id, new DateOnly(2026, 11, 29)), None);
        var visits = await Records.FindAsync(Search(RecordKind.Interaction, book.Rep.Id, null, new DateOnly(2026, 11, 29)) with { Channel = InteractionChannel.Visit }, None);
        var anyone = await Records.FindAsync(Search(RecordKind.Interaction, null, book.Customer.Id, new DateOnly(2026, 11, 29)), None);

        Assert.Equal([afternoon.Id, morning.Id], own.Select(r => r.Id));
        Assert.Equal([afternoon.Id], visits.Select(r => r.Id));
        Assert.Equal(3, anyone.Count);
        Assert.Contains(anyone, r => r.AuthorName == "rs1同事");
        Assert.Equal("11月29日 rs1金禾 · 拜访「下午拜访」", own[0].Line());

        using var directory = new CustomerDirectory(db.Get<ICustomerDirectorySource>(), TimeProvider.System);
        await db.Get<ICustomerRecords>().ForgetAsync(book.Customer.Id, null, "test", Now, new CustomerMentions(await directory.GetAsync(None), book.Customer.Id), None);
        Assert.Empty(await Records.FindAsync(Search(RecordKind.Interaction, book.Rep.Id, null, new DateOnly(2026, 11, 29)), None));
    }

    [Fact]
    public async Task RemoveInteraction_WithTheStageItWrote_RestoresEveryRowExactly()
    {
        var book = await BookAsync("rs2");
        var customers = db.Get<ICustomerRepository>();
        var logged = await LogAsync(book, book.Rep.Id, InteractionChannel.Visit, Now.AddDays(-1), "签了，合同15万");
        await customers.ChangeStageAsync(book.Customer.Id, FunnelStage.Won, book.Rep.Id, Now.AddDays(-1), None);
        var interactionBefore = await RowAsync("interactions", logged.Id);
        var customerBefore = await customers.GetAsync(book.Customer.Id, None);

        var removal = await Records.RemoveAsync(RecordKind.Interaction, logged.Id, book.Rep.Id, "chat:rs2_rep", Now, None);

        Assert.Equal(new StageWritten(FunnelStage.Qualified, FunnelStage.Won, TakenBack: true), removal!.Stage);
        Assert.Null(await RowAsync("interactions", logged.Id));
        Assert.Equal(FunnelStage.Qualified, (await customers.GetAsync(book.Customer.Id, None))!.Stage);
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        var audit = await connection.QuerySingleAsync<(string, string, long, string)>(
            "select action, entity, entity_id, detail->'row'->>'summary' from audit_log where id = @Id", new { Id = removal.AuditId });
        Assert.Equal(("record_deleted", "interactions", logged.Id, "签了，合同15万"), audit);

        Assert.True(await Records.RestoreAsync(removal.AuditId, book.Rep.Id, None));
        Assert.False(await Records.RestoreAsync(removal.AuditId, book.Rep.Id, None));

        Assert.Equal(interactionBefore, await RowAsync("interactions", logged.Id));
        var customerAfter = await customers.GetAsync(book.Customer.Id, None);
        Assert.Equal((customerBefore!.Stage, customerBefore.StageChangedAt), (customerAfter!.Stage, customerAfter.StageChangedAt));
        var history = await connection.QueryAsync<string>(
            "select coalesce(from_stage, '-') || '>' || to_stage from stage_history where customer_id = @Id order by id", new { book.Customer.Id });
        Assert.Equal(["->qualified", "qualified>won"], history);
    }

    [Fact]
    public async Task RemoveInteraction_StageMovedAgainSince_KeepsTheStageChange()
    {
        var book = await BookAsync("rs3");
        var customers = db.Get<ICustomerRepository>();
        var logged = await LogAsync(book, book.Rep.Id, InteractionChannel.Phone, Now.AddDays(-2), "进入洽谈");
        await customers.ChangeStageAsync(book.Customer.Id, FunnelStage.Negotiation, book.Rep.Id, Now.AddDays(-2), None);
        await customers.ChangeStageAsync(book.Customer.Id, FunnelStage.Won, book.Rep.Id, Now.AddDays(-1), None);

        var removal = await Records.RemoveAsync(RecordKind.Interaction, logged.Id, book.Rep.Id, "chat:rs3_rep", Now, None);

        Assert.Equal(new StageWritten(FunnelStage.Qualified, FunnelStage.Negotiation, TakenBack: false), removal!.Stage);
        Assert.Equal(FunnelStage.Won, (await customers.GetAsync(book.Customer.Id, None))!.Stage);
    }

    [Fact]
    public async Task EditInteraction_ThenRestore_PutsTheFieldBack()
    {
        var book = await BookAsync("rs4");
        var contact = await db.Get<ICustomerRepository>().AddContactAsync(new NewContact(book.Customer.Id, "rs4王海", null, null, null, null, null), None);
        var logged = await LogAsync(book, book.Rep.Id, InteractionChannel.Phone, Now.AddDays(-3), "聊了课程方案");
        var before = await RowAsync("interactions", logged.Id);
        var monday = new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.FromHours(8));

        var channel = await Records.EditInteractionAsync(logged.Id, new InteractionEdit(Channel: InteractionChannel.Visit), book.Rep.Id, "chat:rs4_rep", Now, None);
        var person = await Records.EditInteractionAsync(logged.Id, new InteractionEdit(ContactId: contact.Id), book.Rep.Id, "chat:rs4_rep", Now, None);
        var day = await Records.EditInteractionAsync(logged.Id, new InteractionEdit(OccurredAt: monday), book.Rep.Id, "chat:rs4_rep", Now, None);

        var edited = await Records.GetAsync(RecordKind.Interaction, logged.Id, None);
        Assert.Equal((InteractionChannel.Visit, "rs4王海", monday), (edited!.Channel, edited.ContactName, edited.At));
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        Assert.Equal("phone", await connection.QuerySingleAsync<string>("select detail->'before'->>'channel' from audit_log where id = @Id", new { Id = channel }));

        foreach (var audit in new[] { day, person, channel })
            Assert.True(await Records.RestoreAsync(audit!.Value, book.Rep.Id, None));
        Assert.Equal(before, await RowAsync("interactions", logged.Id));
    }

    [Fact]
    public async Task RemoveReminderOrderAndDeal_ReminderIsCancelledNotDeleted_AndEachComesBack()
    {
        var book = await BookAsync("rs5");
        var reminder = await db.Get<IReminderRepository>().AddAsync(book.Rep.Id, book.Customer.Id, Now.AddDays(2), "跟进rs5金禾", "manual", None);
        var order = await db.Get<IOrderRepository>().AddAsync(book.Customer.Id, new DateOnly(2026, 11, 28), 150_000m, None);
        var deal = await db.Get<IDealRepository>().AddAsync(
            new NewDeal(book.Customer.Id, book.Rep.Id, "二期", 300_000m, new DateOnly(2026, 12, 31), FunnelStage.Negotiation, book.Rep.Id, null), Now.AddDays(-1), None);
        var before = (await RowAsync("reminders", reminder.Id), await RowAsync("orders", order.Id), await RowAsync("deals", deal.Id));

        var found = await Records.FindAsync(new RecordSearch(RecordKind.Reminder, book.Rep.Id, null, [], [new DayRange(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2))], null, null, null, 10), None);
        var orders = await Records.FindAsync(Search(RecordKind.Order, book.Rep.Id, book.Customer.Id) with { Amount = 150_000m }, None);
        var deals = await Records.FindAsync(Search(RecordKind.Deal, book.Rep.Id, null, new DateOnly(2026, 12, 31)), None);
        Assert.Equal([reminder.Id, order.Id, deal.Id], [.. found.Select(r => r.Id), .. orders.Select(r => r.Id), .. deals.Select(r => r.Id)]);

        var removals = new List<long>();
        foreach (var (kind, id) in new[] { (RecordKind.Reminder, reminder.Id), (RecordKind.Order, order.Id), (RecordKind.Deal, deal.Id) })
            removals.Add((await Records.RemoveAsync(kind, id, book.Rep.Id, "chat:rs5_rep", Now, None))!.AuditId);

        await using var connection = new NpgsqlConnection(db.ConnectionString);
        Assert.Equal("cancelled", await connection.QuerySingleAsync<string>("select status from reminders where id = @Id", new { reminder.Id }));
        Assert.Null(await RowAsync("orders", order.Id));
        Assert.Null(await RowAsync("deals", deal.Id));
        Assert.Null(await Records.GetAsync(RecordKind.Reminder, reminder.Id, None));
        Assert.Null(await Records.RemoveAsync(RecordKind.Reminder, reminder.Id, book.Rep.Id, "chat:rs5_rep", Now, None));

        foreach (var audit in removals)
            Assert.True(await Records.RestoreAsync(audit, book.Rep.Id, None));
        Assert.Equal(before, (await RowAsync("reminders", reminder.Id), await RowAsync("orders", order.Id), await RowAsync("deals", deal.Id)));
        Assert.Equal(3, await connection.QuerySingleAsync<int>(
            "select count(*)::int from audit_log where action = 'record_restored' and (detail->>'audit_id')::bigint = any(@Ids)", new { Ids = removals.ToArray() }));
    }

    [Fact]
    public async Task Restore_AfterTheCustomerWasErased_PutsNothingBack()
    {
        var book = await BookAsync("rs6");
        var logged = await LogAsync(book, book.Rep.Id, InteractionChannel.Phone, Now.AddDays(-1), "rs6王总说下月再谈");
        var removal = await Records.RemoveAsync(RecordKind.Interaction, logged.Id, book.Rep.Id, "chat:rs6_rep", Now, None);

        using var directory = new CustomerDirectory(db.Get<ICustomerDirectorySource>(), TimeProvider.System);
        await db.Get<ICustomerRecords>().ForgetAsync(book.Customer.Id, null, "test", Now, new CustomerMentions(await directory.GetAsync(None), book.Customer.Id), None);

        Assert.False(await Records.RestoreAsync(removal!.AuditId, book.Rep.Id, None));
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        var detail = await connection.QuerySingleAsync<string>("select detail::text from audit_log where id = @Id", new { Id = removal.AuditId });
        Assert.DoesNotContain("rs6王总", detail, StringComparison.Ordinal);
        Assert.Null(await RowAsync("interactions", logged.Id));
    }
}
