using System.Net;
using System.Net.Http.Json;
using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Host.Scheduling;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>The nightly reconciliation against the emulator's externalcontact/list and batch/get_by_user, with callbacks lost on the way.</summary>
public sealed class ContactReconciliationTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Night = new(2026, 11, 24, 18, 30, 0, TimeSpan.Zero);
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartAsync();
        var users = _bot.Services.GetRequiredService<IUserDirectory>();
        var manager = await users.UpsertAsync("rc_boss", "王强", UserRole.Manager, null, None);
        var rep = await users.UpsertAsync("rc_rep", "李娜", UserRole.Rep, manager.Id, None);
        await users.UpsertAsync("rc_other", "张伟", UserRole.Rep, manager.Id, None);
        await _bot.Services.GetRequiredService<ICustomerRepository>().AddAsync(
            new NewCustomer("海川医疗器械有限公司", "海川医疗", [], null, null, null, rep.Id, FunnelStage.Won), rep.Id, None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private Task<ReconciliationResult> ReconcileAsync() => _bot.Services.GetRequiredService<ContactReconciliationRun>().RunAsync(Night, None);

    private async Task<T?> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }

    private async Task RemoveSilentlyAsync(string userId, string externalUserId)
    {
        using var response = await _bot.Emulator.PostAsJsonAsync("control/contacts/remove",
            new RemoveContactRequest(userId, externalUserId, LoseCallback: true), EmulatorJson.Control);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Reconcile_ContactAddedWhileCallbacksWereLost_LinkedAndRepTold()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts",
            new AddContactRequest("rc_rep", "周敏", CorpName: "海川医疗器械有限公司", LoseCallback: true, Position: "采购经理"));
        Assert.Null(added.Callback);
        Assert.Null(await QueryAsync<long?>("select id from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));

        var result = await ReconcileAsync();

        Assert.Equal((1, 0), (result.Linked, result.Removed));
        Assert.Equal("海川医疗器械有限公司|周敏|采购经理", await QueryAsync<string>(
            "select c.legal_name || '|' || t.name || '|' || t.title from contacts t join customers c on c.id = t.customer_id where t.wecom_external_userid = @Id",
            new { Id = added.ExternalUserId }));
        Assert.Contains(await _bot.MessagesToAsync("rc_rep", 1), m => m.Content == "周敏 加了你的企业微信，已关联到客户「海川医疗器械有限公司」。");
    }

    [Fact]
    public async Task Reconcile_ContactRemovedTheRepWhileCallbacksWereLost_FlaggedAsChurnSignal()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_other", "陈工", CorpName: "金桥建材有限公司"));
        await _bot.MessagesToAsync("rc_other", 1);
        await RemoveSilentlyAsync("rc_other", added.ExternalUserId);
        Assert.Null(await QueryAsync<DateTime?>("select wecom_removed_at from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));

        var result = await ReconcileAsync();

        Assert.Equal((0, 1), (result.Linked, result.Removed));
        Assert.NotNull(await QueryAsync<DateTime?>("select wecom_removed_at from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));
        Assert.Contains(await _bot.MessagesToAsync("rc_other", 2), m => m.Content?.Contains("「金桥建材有限公司」的陈工删除了你的企业微信", StringComparison.Ordinal) == true);
        Assert.Contains(await _bot.MessagesToAsync("rc_boss", 1), m => m.Content?.Contains("流失预警", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Reconcile_RunTwice_SecondRunChangesNothing()
    {
        await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "孙校长", CorpName: "育才学校", LoseCallback: true));
        var gone = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "赵总", CorpName: "金禾农业"));
        await _bot.MessagesToAsync("rc_rep", 1);
        await RemoveSilentlyAsync("rc_rep", gone.ExternalUserId);
        var first = await ReconcileAsync();
        var contacts = await QueryAsync<string>("select string_agg(id || ':' || customer_id || ':' || coalesce(wecom_removed_at::text, '-'), ',' order by id) from contacts");
        var outbox = await QueryAsync<long>("select count(*) from outbox");

        var second = await ReconcileAsync();

        Assert.Equal((1, 1), (first.Linked, first.Removed));
        Assert.Equal((0, 0), (second.Linked, second.Removed));
        Assert.Equal(contacts, await QueryAsync<string>("select string_agg(id || ':' || customer_id || ':' || coalesce(wecom_removed_at::text, '-'), ',' order by id) from contacts"));
        Assert.Equal(outbox, await QueryAsync<long>("select count(*) from outbox"));
    }

    [Fact]
    public async Task Reconcile_MoreContactsThanOnePage_EveryOneLinked()
    {
        var ids = new List<string>();
        for (var i = 0; i < 130; i++)
            ids.Add((await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", $"客户{i:000}", LoseCallback: true))).ExternalUserId);

        var result = await ReconcileAsync();

        Assert.Equal(130, result.Linked);
        Assert.Equal(130, await QueryAsync<long>("select count(*) from contacts where wecom_external_userid = any(@Ids)", new { Ids = ids.ToArray() }));
    }

    [Fact]
    public async Task Reconcile_ContactCameBackAfterRemovingTheRep_RemovalCleared()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "吴总", CorpName: "远航物流"));
        await _bot.MessagesToAsync("rc_rep", 1);
        await _bot.ControlAsync<CallbackDelivery>("contacts/remove", new RemoveContactRequest("rc_rep", added.ExternalUserId));
        await _bot.MessagesToAsync("rc_rep", 2);
        await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "吴总", ExternalUserId: added.ExternalUserId, LoseCallback: true));
        Assert.NotNull(await QueryAsync<DateTime?>("select wecom_removed_at from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));

        var result = await ReconcileAsync();

        Assert.Equal((1, 0), (result.Linked, result.Removed));
        Assert.Null(await QueryAsync<DateTime?>("select wecom_removed_at from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));
    }

    [Fact]
    public async Task Reconcile_WeComFailsMidRun_NothingFlaggedUntilAFullRead()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "郑总", CorpName: "华东精密"));
        await _bot.MessagesToAsync("rc_rep", 1);
        await RemoveSilentlyAsync("rc_rep", added.ExternalUserId);
        await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "externalcontact/list", Errcode = -1, ErrcodeCount = 1 });

        await Assert.ThrowsAsync<Bot.Host.WeCom.Client.WeComApiException>(ReconcileAsync);
        Assert.Null(await QueryAsync<DateTime?>("select wecom_removed_at from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));

        Assert.Equal(1, (await ReconcileAsync()).Removed);
    }

    [Fact]
    public async Task Reconcile_MembersWeComWillNotList_TheirCustomersLeftAlone()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "钱经理", CorpName: "海川医疗器械有限公司"));
        await _bot.MessagesToAsync("rc_rep", 1);
        await RemoveSilentlyAsync("rc_rep", added.ExternalUserId);
        await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "externalcontact/list", Errcode = 60011, ErrcodeCount = 3 });

        var result = await ReconcileAsync();

        Assert.Equal((0, 3, 0), (result.Members, result.Unreadable, result.Removed));
        Assert.Null(await QueryAsync<DateTime?>("select wecom_removed_at from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }));
    }

    [Fact]
    public async Task ContactReconciliationJob_RunByTheScheduler_SaysWhatItDid()
    {
        await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rc_rep", "冯总", CorpName: "海川医疗器械有限公司", LoseCallback: true));
        var job = _bot.Services.GetServices<IScheduledJob>().Single(j => j.Name == "ContactReconciliation");

        Assert.Equal("核对 3 位成员的客户：补关联 1 个，标记删除了销售的 0 个", await job.RunAsync(Night, None));
    }
}
