using Bot.Conversations.Care;
using Bot.Data.Postgres;
using Bot.Host.Care;
using Bot.Host.WeCom;
using Bot.Sandbox.Emulator;
using Bot.Tests.Conversations.Care;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Tests.Care;

/// <summary>A host dying in the middle of Spring Festival: whatever is left is queued and sent afterwards, nothing twice.</summary>
public sealed class CareCrashTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SpringFestivalMorning = new(2027, 2, 6, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly string _prefix = TestEnvironment.NewRedisPrefix();
    private readonly string _rep = "care_crash_" + Guid.NewGuid().ToString("N")[..8];
    private string _connectionString = "";
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestDatabases.CreateEmptyAsync();
        _services = BotServices.Create(_connectionString, _prefix);
        await _services.GetRequiredService<MigrationRunner>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await TestDatabases.DropAsync(_connectionString);
    }

    private CareGreetingRun Run()
    {
        var options = Options.Create(CareSettings.Shipped());
        var tasks = _services.GetRequiredService<ICareTasks>();
        return new(_services.GetRequiredService<ICareCandidates>(), new CareDayPlanning(tasks, _services.GetRequiredService<IGreetingChanges>(), options),
            tasks, new WeComChannelMessages(), options, NullLogger<CareGreetingRun>.Instance);
    }

    /// <returns>The customers' external userids.</returns>
    private async Task<List<string>> AddCustomersAsync(int count)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var repId = await connection.ExecuteScalarAsync<long>("insert into users (wecom_userid, name, role) values (@Rep, '张伟', 'rep') returning id", new { Rep = _rep });
        await connection.ExecuteAsync("""
            with c as (insert into customers (legal_name, owner_id, stage) select '客户公司' || g, @RepId, 'won' from generate_series(1, @Count) g returning id)
            insert into contacts (customer_id, name, title, wecom_external_userid, care_consent_at) select id, '李' || id, '经理', 'wm_crash_' || id, now() from c
            """, new { RepId = repId, Count = count });
        return [.. await connection.QueryAsync<string>("select wecom_external_userid from contacts order by id")];
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task GreetingRun_KilledMidFanOut_NextRunQueuesTheRestOnceAndTellsTheRepOnce()
    {
        await AddCustomersAsync(21_000);

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() =>
            Run().RunAsync(SpringFestivalMorning, _ => throw new InvalidOperationException("host killed"), CancellationToken.None));
        var queuedBeforeCrash = await ScalarAsync("select count(*) from outbox where kind = 'msg_template'");
        // Chunks of 5,000 are written four at a time; the crash stops the fifth from ever starting.
        Assert.InRange(queuedBeforeCrash, 1_000, 20_000);
        Assert.Equal(0, await ScalarAsync("select count(*) from outbox where kind = 'message'"));

        var summary = await Run().RunAsync(SpringFestivalMorning, CancellationToken.None);

        Assert.Equal(21_000 - queuedBeforeCrash, summary.Queued);
        Assert.Equal(21_000, await ScalarAsync("select count(distinct idempotency_key) from outbox where kind = 'msg_template'"));
        Assert.Equal(21_000, await ScalarAsync("select count(*) from care_tasks where status = 'planned'"));
        Assert.Equal(1, await ScalarAsync("select count(*) from outbox where kind = 'message' and payload::text like '%春节祝福 21000 位%'"));
    }

    [Fact]
    public async Task Dispatch_HostKilledMidFanOut_RestartedHostSendsTheRestAndNoCustomerGetsTwo()
    {
        const int customers = 300;
        var externalUserIds = await AddCustomersAsync(customers);
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        (await emulator.Client.PostAsync("control/contacts/existing", System.Net.Http.Json.JsonContent.Create(
            new ExistingContactsRequest(_rep, [.. externalUserIds.Select(id => new ExistingContact(id, id))]), options: EmulatorJson.Control))).EnsureSuccessStatusCode();
        await Run().RunAsync(SpringFestivalMorning, CancellationToken.None);
        // Real time in the child processes: open the window all day so the test does not depend on the hour it runs.
        var settings = new Dictionary<string, string>
        {
            ["Care__SendFromHour"] = "0", ["Care__SendUntilHour"] = "24", ["WeCom__Outbox__GroupSendPerMinute"] = "100000",
        };

        var first = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: settings);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await emulator.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={_rep}")).Count < customers / 3 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        await first.KillAsync();
        var beforeRestart = (await emulator.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={_rep}")).Count;
        Assert.InRange(beforeRestart, customers / 3, customers - 1);

        await using var second = await HostProcess.StartAsync(_connectionString, _prefix, emulator.ApiBaseUrl, environment: settings);
        deadline = DateTime.UtcNow.AddSeconds(60);
        while (await ScalarAsync("select count(*) from outbox where kind = 'msg_template' and status <> 'sent'") > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);

        var sends = await emulator.ControlAsync<List<GroupMessageTask>>($"group-messages?sender={_rep}");
        Assert.Equal(customers, sends.Count);
        Assert.Equal(customers, sends.SelectMany(s => s.Targets).Select(t => t.ExternalUserId).Distinct().Count());
        Assert.Equal(0, await ScalarAsync("select count(*) from outbox where kind = 'msg_template' and status <> 'sent'"));
    }
}
