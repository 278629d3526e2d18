using System.Text.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Funnel;
using Bot.Conversations.Merging;
using Bot.Conversations.Operations;
using Bot.Conversations.Privacy;
using Bot.Conversations.Team;
using Bot.Data.Postgres;
using Bot.Tests.Data.Privacy;
using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Data.Merging;

/// <summary>Merging two records of one customer, and undoing it, on real PostgreSQL.</summary>
public sealed class CustomerMergeTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly DatabaseFixture _db = new();
    private long _lina;
    private long _zhangwei;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        var users = _db.Get<IUserDirectory>();
        var manager = await users.UpsertAsync("m_mgr", "王强", UserRole.Manager, null, None);
        _lina = (await users.UpsertAsync("m_lina", "李娜", UserRole.Rep, manager.Id, None)).Id;
        _zhangwei = (await users.UpsertAsync("m_zhangwei", "张伟", UserRole.Rep, manager.Id, None)).Id;
    }

    public Task DisposeAsync() => _db.DisposeAsync();

    private ICustomerMerges Merges => _db.Get<ICustomerMerges>();

    private DateTimeOffset Now => _db.Clock.GetUtcNow();

    private Task<MergeOutcome> MergeAsync(MergeBook book, long? owner = null) =>
        Merges.MergeAsync(new MergeRequest(book.SurvivorId, book.MergedId, owner, null, "test", Now), None);

    private async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    private async Task<T> RowAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        return await connection.QuerySingleAsync<T>(sql, args);
    }

    /// <summary>Every (table, column) in the schema that is a foreign key to customers.</summary>
    private async Task<IReadOnlyList<string>> ReferencesToCustomersAsync()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        return [.. await connection.QueryAsync<string>("""
            select c.conrelid::regclass::text || '.' || a.attname
            from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
            where c.contype = 'f' and c.confrelid = 'customers'::regclass
            order by 1
            """)];
    }

    [Fact]
    public async Task References_EveryForeignKeyToCustomers_IsOneTheMergeHandles()
    {
        // A new table that references customers must be added to CustomerMerges (moved, or handled otherwise) and its undo.
        Assert.Equal(CustomerMerges.References.Order(StringComparer.Ordinal), (await ReferencesToCustomersAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Merge_EveryTableThatReferencesCustomers_KeepsNothingOnTheMergedOne()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);
        foreach (var reference in await ReferencesToCustomersAsync())
        {
            var (table, column) = (reference.Split('.')[0], reference.Split('.')[1]);
            Assert.True(await ScalarAsync<long>($"select count(*) from {table} where {column} = @Id", new { Id = book.MergedId }) > 0, $"the book has no {reference}");
        }

        var outcome = Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book));

        foreach (var reference in await ReferencesToCustomersAsync())
        {
            var (table, column) = (reference.Split('.')[0], reference.Split('.')[1]);
            Assert.Equal(0L, await ScalarAsync<long>($"select count(*) from {table} where {column} = @Id", new { Id = book.MergedId }));
        }
        Assert.Equal(new MergeCounts(Interactions: 2, Orders: 1, Deals: 2, Reminders: 2, Contacts: 3, CareTasks: 1), outcome.Moved);
        Assert.Equal((3L, 2L, 2L, 1L), await RowAsync<(long, long, long, long)>("""
            select (select count(*) from interactions where customer_id = @S), (select count(*) from orders where customer_id = @S),
                   (select count(*) from deals where customer_id = @S), (select count(*) from care_tasks where customer_id = @S)
            """, new { S = book.SurvivorId }));
        Assert.Equal(book.SurvivorId, await ScalarAsync<long>("select merged_into from customers where id = @Id", new { Id = book.EarlierMergedId }));
        Assert.Equal((book.SurvivorId, true), await RowAsync<(long, bool)>(
            "select merged_into, deleted_at is not null from customers where id = @Id", new { Id = book.MergedId }));
    }

    [Fact]
    public async Task Merge_Contacts_KeepTheirWeComLinksConsentAndOptOut()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);

        await MergeAsync(book);

        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        var live = (await connection.QueryAsync<(string Name, string? Phone, string? External, bool Consent, bool OptedOut)>("""
            select name, phone, wecom_external_userid, care_consent_at is not null, care_opted_out_at is not null
            from contacts where customer_id = @S and deleted_at is null order by name
            """, new { S = book.SurvivorId })).ToList();
        Assert.Equal(
            [
                ("上官两人", null, "wmMergeTwoA", false, false), ("上官两人（重复科技）", null, "wmMergeTwoB", false, false),
                ("司马独有", "13900003333", MergeBook.LinkedExternalId, true, false), ("欧阳同名", "13900002222", MergeBook.SameNameExternalId, true, true),
            ],
            live);
        // The visit and the greeting that named the duplicate 欧阳同名 now name the one kept.
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("""
            select (select count(*) from interactions i where i.contact_id = k.id) + (select count(*) from care_tasks t where t.contact_id = k.id)
            from contacts k where k.customer_id = @S and k.name = '欧阳同名' and k.deleted_at is null
            """, new { S = book.SurvivorId }));
        Assert.Equal(book.SurvivorId, await connection.ExecuteScalarAsync<long>(
            "select customer_id from contacts where wecom_external_userid = @Id", new { Id = MergeBook.LinkedExternalId }));
    }

    [Fact]
    public async Task Merge_Customer_TakesTheFurtherStageTheNamesAsAliasesAndFillsBlanks()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);

        await MergeAsync(book);

        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        var survivor = await connection.QuerySingleAsync<(string Stage, DateTime Since, string[] Aliases, string? Industry, bool Strategic, DateTime? LastTouch, int Orders)>("""
            select stage, stage_changed_at, aliases, industry, strategic, last_interaction_at, order_count from customers where id = @S
            """, new { S = book.SurvivorId });
        Assert.Equal("negotiation", survivor.Stage);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, survivor.Since);
        Assert.Equal(["保留科技", MergeBook.MergedName, MergeBook.MergedShortName, "重复"], survivor.Aliases);
        Assert.Equal(("制造", true), (survivor.Industry, survivor.Strategic));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)).UtcDateTime, survivor.LastTouch);
        Assert.Equal(2, survivor.Orders);
        // No history entry for the stage: the duplicate's own entries moved, so the funnel counts each move once.
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("select count(*) from stage_history where customer_id = @S", new { S = book.SurvivorId }));
        using var detail = JsonDocument.Parse(await connection.ExecuteScalarAsync<string>("select detail::text from audit_log where action = 'merge'") ?? "");
        Assert.Equal(book.MergedId, detail.RootElement.GetProperty("merged").GetInt64());
        Assert.Equal(2, detail.RootElement.GetProperty("moved").GetProperty("interactions").GetArrayLength());
    }

    [Fact]
    public async Task Merge_OldNames_FoundByTheDirectoryAndByImports()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);
        await MergeAsync(book);

        using var directory = new CustomerDirectory(_db.Get<ICustomerDirectorySource>(), TimeProvider.System);
        var view = await directory.GetAsync(None);
        var everyone = new UserScope(new SalesUser(0, "t", "t", UserRole.Admin, null, true), null);
        foreach (var name in new[] { MergeBook.MergedName, MergeBook.MergedShortName, "合并重复" })
        {
            var resolved = Assert.IsType<CustomerResolution.Resolved>(CustomerResolution.Resolve(view.Index.Find(name), view.OwnerOf, everyone));
            Assert.Equal(book.SurvivorId, resolved.CustomerId);
        }

        var imports = _db.Get<IImports>();
        Assert.True((await imports.ImportAsync(ImportKind.Orders, "客户名称,日期,金额\n合并重复科技有限公司,2026-11-21,3000\n"u8.ToArray(), None)).Imported);
        Assert.True((await imports.ImportAsync(ImportKind.Customers, "客户名称,联系人,电话\n合并重复科技有限公司,诸葛新人,13900009999\n"u8.ToArray(), None)).Imported);
        Assert.Equal(3000m, await ScalarAsync<decimal>("select amount from orders where customer_id = @S and ordered_on = '2026-11-21'", new { S = book.SurvivorId }));
        Assert.Equal(book.SurvivorId, await ScalarAsync<long>("select customer_id from contacts where name = '诸葛新人'"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from customers where legal_name = @Name and deleted_at is null", new { Name = MergeBook.MergedName }));
    }

    [Fact]
    public async Task Merge_Reports_CountTheCustomerOnceAndEveryRecordOnce()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);
        var funnel = _db.Get<IFunnelQueries>();
        var (from, until) = (new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        var before = await funnel.FiguresAsync(null, from, until, Now, perRep: true, None);

        await MergeAsync(book);

        var after = await funnel.FiguresAsync(null, from, until, Now, perRep: true, None);
        Assert.Equal(before.Stages.Sum(s => s.Now) - 1, after.Stages.Sum(s => s.Now));
        Assert.Equal((before.Interactions, before.OrderAmount, before.OrderCount, before.WonDeals, before.SignedAmount),
            (after.Interactions, after.OrderAmount, after.OrderCount, after.WonDeals, after.SignedAmount));
        Assert.Equal(before.Stages.Sum(s => s.Entered), after.Stages.Sum(s => s.Entered));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from churn_findings where customer_id = @M", new { M = book.MergedId }));
    }

    [Fact]
    public async Task Merge_OwnersDiffer_RefusedUntilOneIsChosenThenOpenWorkFollowsTheOwner()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _zhangwei);

        Assert.Equal(new MergeOutcome.Refused(MergeRefusal.OwnerNeeded), await MergeAsync(book));
        Assert.Equal(new MergeOutcome.Refused(MergeRefusal.OwnerNeeded), await MergeAsync(book, owner: 999_999));
        Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book, owner: _lina));

        Assert.Equal(_lina, await ScalarAsync<long>("select owner_id from customers where id = @S", new { S = book.SurvivorId }));
        Assert.Equal(_lina, await ScalarAsync<long>("select rep_id from reminders where status = 'open' and customer_id = @S", new { S = book.SurvivorId }));
        Assert.Equal(_zhangwei, await ScalarAsync<long>("select rep_id from reminders where status = 'done' and customer_id = @S", new { S = book.SurvivorId }));
        Assert.Equal((_lina, _zhangwei), await RowAsync<(long, long)>("""
            select (select owner_id from deals where import_key = 'MERGE-DEAL-OPEN'), (select owner_id from deals where import_key = 'MERGE-DEAL-WON')
            """));
    }

    [Fact]
    public async Task Merge_ItselfOrOneAlreadyMerged_Refused()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);

        Assert.Equal(new MergeOutcome.Refused(MergeRefusal.Same),
            await Merges.MergeAsync(new MergeRequest(book.SurvivorId, book.SurvivorId, null, null, "test", Now), None));
        Assert.Equal(new MergeOutcome.Refused(MergeRefusal.Gone),
            await Merges.MergeAsync(new MergeRequest(book.SurvivorId, book.EarlierMergedId, null, null, "test", Now), None));
        Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book));
        Assert.Equal(new MergeOutcome.Refused(MergeRefusal.Gone), await MergeAsync(book));
    }

    [Fact]
    public async Task Undo_AfterAMergeWithOwnersAndContactsToSort_LeavesEveryTableAsBefore()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _zhangwei);
        var before = await TableSnapshot.TakeAsync(_db.ConnectionString);
        var merged = Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book, owner: _lina));

        var undone = Assert.IsType<MergeUndoOutcome.Undone>(await Merges.UndoAsync(merged.AuditId, null, "test", None));

        Assert.Equal(book.MergedId, undone.MergedId);
        Assert.Equal(merged.Moved, undone.Restored);
        var after = await TableSnapshot.TakeAsync(_db.ConnectionString);
        Assert.DoesNotContain(TableSnapshot.Differences(before, after), d => !d.StartsWith("audit_log:", StringComparison.Ordinal));
        Assert.Equal(["merge", "merge_undone"], await AuditActionsAsync());
        Assert.Equal(new MergeUndoOutcome.Refused(MergeUndoRefusal.AlreadyUndone), await Merges.UndoAsync(merged.AuditId, null, "test", None));
    }

    [Fact]
    public async Task Undo_RowsAddedAfterTheMerge_StayWithTheSurvivor()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);
        var merged = Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book));
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        await connection.ExecuteAsync("""
            insert into interactions (customer_id, rep_id, channel, occurred_at, summary) values (@S, @Rep, 'phone', '2026-11-24 09:00+08', '合并之后的电话')
            """, new { S = book.SurvivorId, Rep = _lina });

        Assert.IsType<MergeUndoOutcome.Undone>(await Merges.UndoAsync(merged.AuditId, null, "test", None));

        Assert.Equal(book.SurvivorId, await connection.ExecuteScalarAsync<long>("select customer_id from interactions where summary = '合并之后的电话'"));
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("select count(*) from interactions where customer_id = @M", new { M = book.MergedId }));
    }

    [Fact]
    public async Task Undo_ALaterMergeOfTheSurvivor_MustBeUndoneFirst()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);
        var third = await ScalarAsync<long>("insert into customers (legal_name, owner_id) values ('合并第三科技有限公司', @Rep) returning id", new { Rep = _lina });
        var first = Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book));
        var second = Assert.IsType<MergeOutcome.Merged>(await Merges.MergeAsync(new MergeRequest(third, book.SurvivorId, null, null, "test", Now), None));

        Assert.Equal(new MergeUndoOutcome.Refused(MergeUndoRefusal.LaterMerge, second.AuditId), await Merges.UndoAsync(first.AuditId, null, "test", None));
        Assert.IsType<MergeUndoOutcome.Undone>(await Merges.UndoAsync(second.AuditId, null, "test", None));
        Assert.IsType<MergeUndoOutcome.Undone>(await Merges.UndoAsync(first.AuditId, null, "test", None));
        Assert.Equal(new MergeUndoOutcome.Refused(MergeUndoRefusal.NotFound), await Merges.UndoAsync(987_654, null, "test", None));
    }

    [Fact]
    public async Task Forget_TheSurvivor_ErasesTheMergedRowsNamesAndWhatItsUndoNeeded()
    {
        var book = await MergeBook.CreateAsync(_db.ConnectionString, _lina, _lina);
        var merged = Assert.IsType<MergeOutcome.Merged>(await MergeAsync(book));
        using var directory = new CustomerDirectory(_db.Get<ICustomerDirectorySource>(), TimeProvider.System);

        await _db.Get<ICustomerRecords>().ForgetAsync(book.SurvivorId, null, "test", Now, new CustomerMentions(await directory.GetAsync(None), book.SurvivorId), None);

        foreach (var value in new[] { MergeBook.MergedName, MergeBook.MergedShortName, "合并更早科技有限公司", "13900002222", MergeBook.LinkedExternalId })
            Assert.Empty(await ErasureBook.WhereFoundAsync(_db.ConnectionString, value));
        Assert.Equal(new MergeUndoOutcome.Refused(MergeUndoRefusal.Deleted), await Merges.UndoAsync(merged.AuditId, null, "test", None));
        // The merged rows are not counted again as erased customers are.
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from customers where erased_at is not null"));
    }

    private async Task<string[]> AuditActionsAsync()
    {
        await using var connection = new NpgsqlConnection(_db.ConnectionString);
        return [.. await connection.QueryAsync<string>("select action from audit_log order by id")];
    }
}
