using System.Text.Json;
using Bot.Conversations.Funnel;
using Bot.Conversations.Privacy;
using Bot.Data.Demo;
using Bot.Data.Postgres;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Data.Privacy;

/// <summary>Erasure and export of one customer against the demo company's book on real PostgreSQL.</summary>
public sealed class CustomerErasureTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private string _connectionString = "";
    private ServiceProvider _services = null!;
    private ErasureBook _book = null!;
    private DateTimeOffset _now;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabases.CreateEmptyAsync();
        var clock = BotServices.FixedClock();
        _now = clock.GetUtcNow();
        _services = BotServices.Create(_connectionString, TestEnvironment.NewRedisPrefix(), clock);
        await _services.GetRequiredService<MigrationRunner>().MigrateAsync(None);
        await _services.GetRequiredService<DemoCompanySeeder>().SeedIfEmptyAsync(None);
        _book = await ErasureBook.CreateAsync(_services, _connectionString, _now);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await TestDatabases.DropAsync(_connectionString);
    }

    private ICustomerRecords Records => _services.GetRequiredService<ICustomerRecords>();

    private Task<ErasureCounts?> ForgetAsync(long? actorId, string actor) => ForgetAsync(_book.CustomerId, actorId, actor);

    private async Task<ErasureCounts?> ForgetAsync(long customerId, long? actorId, string actor)
    {
        using var directory = new Bot.Conversations.Customers.CustomerDirectory(
            _services.GetRequiredService<Bot.Conversations.Customers.ICustomerDirectorySource>(), TimeProvider.System);
        return await Records.ForgetAsync(customerId, actorId, actor, _now, new CustomerMentions(await directory.GetAsync(None), customerId), None);
    }

    private async Task<string?> ExportAsync()
    {
        using var directory = new Bot.Conversations.Customers.CustomerDirectory(
            _services.GetRequiredService<Bot.Conversations.Customers.ICustomerDirectorySource>(), TimeProvider.System);
        return await Records.ExportAsync(_book.CustomerId, new CustomerMentions(await directory.GetAsync(None), _book.CustomerId), None);
    }

    [Fact]
    public async Task Forget_EveryPersonalValue_GoneFromEveryTable()
    {
        foreach (var value in ErasureBook.PersonalValues)
            Assert.NotEmpty(await ErasureBook.WhereFoundAsync(_connectionString, value));

        await ForgetAsync(null, "test");

        foreach (var value in ErasureBook.PersonalValues)
        {
            var left = await ErasureBook.WhereFoundAsync(_connectionString, value);
            Assert.True(left.Count == 0, $"「{value}」 still in {string.Join(", ", left)}");
        }
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.Equal($"已删除客户#{_book.CustomerId}|true|true", await connection.ExecuteScalarAsync<string>(
            "select legal_name || '|' || (deleted_at is not null) || '|' || (erased_at is not null) from customers where id = @Id", new { Id = _book.CustomerId }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>("""
            select count(*) from contacts where customer_id = @Id
              and (phone is not null or title is not null or wecom_external_userid is not null or birth_month is not null or birth_year is not null
                   or deleted_at is null or name not like '已删除联系人#%')
            """, new { Id = _book.CustomerId }));
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "select count(*) from reminders where customer_id = @Id and status = 'open'", new { Id = _book.CustomerId }));
    }

    [Fact]
    public async Task Forget_FunnelTierAndActivityAggregates_Unchanged()
    {
        var before = await AggregatesAsync();

        await ForgetAsync(null, "test");

        Assert.Equal(before, await AggregatesAsync());
    }

    [Fact]
    public async Task Forget_AuditEntryHasWhoWhenAndCountsButNoData()
    {
        var admin = await _services.GetRequiredService<Bot.Conversations.Team.IUserDirectory>()
            .UpsertAsync("erasure_admin", "管理员", Bot.Conversations.Team.UserRole.Admin, null, None);

        var counts = await ForgetAsync(admin.Id, "chat:erasure_admin");

        Assert.Equal(new ErasureCounts(Contacts: 2, Interactions: 3, Reminders: 2, InboundMessages: 2, OutboxMessages: 1, RemindersCancelled: 1), counts);
        await using var connection = new NpgsqlConnection(_connectionString);
        var audit = await connection.QuerySingleAsync<(long ActorId, DateTime At, string Detail)>(
            "select actor_id, at, detail::text from audit_log where action = 'forget' and entity = 'customers' and entity_id = @Id", new { Id = _book.CustomerId });
        Assert.Equal(admin.Id, audit.ActorId);
        Assert.Equal(_now, new DateTimeOffset(audit.At, TimeSpan.Zero));
        var detail = JsonDocument.Parse(audit.Detail).RootElement;
        Assert.Equal("chat:erasure_admin", detail.GetProperty("by").GetString());
        Assert.Equal(3, detail.GetProperty("interactions").GetInt32());
        Assert.Equal(2, detail.GetProperty("contacts").GetInt32());
    }

    [Fact]
    public async Task Forget_PlannedGreetingsGo_SentOnesStayForTheReports()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var contactId = await connection.ExecuteScalarAsync<long>("select min(id) from contacts where customer_id = @Id", new { Id = _book.CustomerId });
        await connection.ExecuteAsync("""
            insert into care_tasks (idempotency_key, contact_id, customer_id, occasion, occasion_on, status, send_status)
            values ('care:erase:planned', @Contact, @Customer, 'SpringFestival', '2027-02-06', 'planned', null),
                   ('care:erase:sent', @Contact, @Customer, 'Birthday', '2026-10-01', 'sent', 1)
            """, new { Contact = contactId, Customer = _book.CustomerId });

        await ForgetAsync(null, "test");

        Assert.Equal(["care:erase:sent"], await connection.QueryAsync<string>(
            "select idempotency_key from care_tasks where customer_id = @Id", new { Id = _book.CustomerId }));
    }

    /// <summary>Erasing 星辰网络科技有限公司 leaves 成都星辰's messages, another customer's contact of the same name and undelivered replies about others alone.</summary>
    [Fact]
    public async Task Forget_ByLinksAndNames_OtherCustomersMessagesUntouched()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var target = await connection.ExecuteScalarAsync<long>("select id from customers where legal_name = '星辰网络科技有限公司'");
        var contact = await connection.ExecuteScalarAsync<string>("select name from contacts where customer_id = @Id order by id limit 1", new { Id = target });
        var lookalike = await connection.ExecuteScalarAsync<long>("select id from customers where legal_name = '成都星辰网络科技有限公司'");
        await connection.ExecuteAsync("insert into contacts (customer_id, name, title, created_at, updated_at) values (@Id, @Name, '采购经理', now(), now())",
            new { Id = lookalike, Name = contact });
        await connection.ExecuteAsync("""
            insert into inbound_messages (channel, message_key, from_user, msg_type, payload, status) values
              ('app', 'forget-other-1', 'lina', 'text', jsonb_build_object('Content', '成都星辰网络科技有限公司下周签约'), 'done'),
              ('app', 'forget-other-2', 'lina', 'text', jsonb_build_object('Content', '星辰网络科技有限公司和成都星辰网络科技有限公司都要跟进'), 'done');
            insert into outbox (idempotency_key, channel, recipient, kind, payload, status) values
              ('forget-other-reply', 'app', 'lina', 'message', jsonb_build_object('text', jsonb_build_object('content', '已记录：成都星辰网络科技有限公司')), 'pending');
            """);

        await ForgetAsync(target, null, "test");

        Assert.Equal("成都星辰网络科技有限公司下周签约", await connection.ExecuteScalarAsync<string>(
            "select payload->>'Content' from inbound_messages where message_key = 'forget-other-1'"));
        Assert.Equal($"{CustomerMentions.Mask}和成都星辰网络科技有限公司都要跟进", await connection.ExecuteScalarAsync<string>(
            "select payload->>'Content' from inbound_messages where message_key = 'forget-other-2'"));
        Assert.Equal("已记录：成都星辰网络科技有限公司", await connection.ExecuteScalarAsync<string>(
            "select payload->'text'->>'content' from outbox where idempotency_key = 'forget-other-reply'"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("select count(*) from contacts where customer_id = @Id and name = @Name",
            new { Id = lookalike, Name = contact }));
    }

    [Theory]
    [InlineData("西门子（中国）有限公司")]
    [InlineData("西门子(中国)有限公司")]
    public async Task Resolve_NameWithParentheses_FoundForExportAndErasure(string typed)
    {
        await using (var connection = new NpgsqlConnection(_connectionString))
            await connection.ExecuteAsync("insert into customers (legal_name, stage, stage_changed_at, created_at, updated_at) values ('西门子（中国）有限公司', 'lead', now(), now(), now())");
        using var directory = new Bot.Conversations.Customers.CustomerDirectory(
            _services.GetRequiredService<Bot.Conversations.Customers.ICustomerDirectorySource>(), TimeProvider.System);
        var view = await directory.GetAsync(None);
        var text = Bot.Conversations.Understanding.Text.TextNormalizer.Normalize(typed);

        var match = Assert.Single(view.Index.Find(text));

        Assert.Equal(text, match.Text);
        Assert.Equal("西门子（中国）有限公司", view.Customers[Assert.Single(match.CustomerIds)].LegalName);
    }

    [Fact]
    public async Task Forget_Twice_SecondTimeFindsNothing()
    {
        Assert.NotNull(await ForgetAsync(null, "test"));
        Assert.Null(await ForgetAsync(null, "test"));
        Assert.Null(await ExportAsync());
    }

    [Fact]
    public async Task Export_HoldsContactsInteractionsRemindersOrdersAndMessages()
    {
        var json = await ExportAsync();

        var root = JsonDocument.Parse(json!).RootElement;
        Assert.Equal(ErasureBook.LegalName, root.GetProperty("customer").GetProperty("legal_name").GetString());
        Assert.Equal("李娜", root.GetProperty("owner").GetString());
        Assert.Equal(["欧阳遗忘|13912345678", "司马记得|13800001111"],
            root.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("name").GetString() + "|" + c.GetProperty("phone").GetString()));
        Assert.Equal(3, root.GetProperty("interactions").GetArrayLength());
        Assert.Contains(root.GetProperty("interactions").EnumerateArray(), i => i.GetProperty("summary").GetString() == "司马记得嫌报价贵");
        Assert.Equal(["给欧阳遗忘回电话确认报价|done", "拜访司马记得谈续约|open"],
            root.GetProperty("reminders").EnumerateArray().Select(r => r.GetProperty("note").GetString() + "|" + r.GetProperty("status").GetString()));
        Assert.Equal([80000m, 45000m], root.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("amount").GetDecimal()));
        Assert.Equal(["lead", "qualified", "negotiation"], root.GetProperty("stage_history").EnumerateArray().Select(h => h.GetProperty("to_stage").GetString()));
        Assert.Equal("和遗忘测试的欧阳遗忘开了会", root.GetProperty("messages")[0].GetProperty("payload").GetProperty("Content").GetString());
        // The event from the contact's WeChat account and the greeting sent to it go too when the customer is erased.
        Assert.Equal(2, root.GetProperty("messages").GetArrayLength());
        Assert.Equal("欧阳遗忘总，中秋快乐", root.GetProperty("outbox")[0].GetProperty("payload").GetProperty("text").GetString());
    }

    /// <summary>The whole company's funnel for the year, tiers and the erased customer's activity by channel and day, as text.</summary>
    private async Task<string> AggregatesAsync()
    {
        var funnel = await _services.GetRequiredService<IFunnelQueries>().FiguresAsync(null, _now.AddYears(-1), _now.AddDays(1), _now, perRep: true, None);
        await using var connection = new NpgsqlConnection(_connectionString);
        var tiers = await connection.QueryAsync<string>("""
            select coalesce(tier, '-') || ':' || count(*) from customers where deleted_at is null or erased_at is not null group by tier order by 1
            """);
        var activity = await connection.QueryAsync<string>("""
            select channel || ':' || day || ':' || n || ':' || amount from (
                select channel, (occurred_at at time zone 'Asia/Shanghai')::date as day, count(*) as n, coalesce(sum(amount), 0) as amount
                from interactions where customer_id = @Id group by 1, 2) x
            order by 1
            """, new { Id = _book.CustomerId });
        var orders = await connection.ExecuteScalarAsync<string>(
            "select count(*) || ':' || sum(amount) || ':' || max(ordered_on) from orders where customer_id = @Id", new { Id = _book.CustomerId });
        return JsonSerializer.Serialize(new { funnel, tiers, activity, orders });
    }
}
