using System.Net.Http.Json;
using Bot.Conversations.Care;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Tests.Care;

/// <summary>
/// The demo company on the morning of 中秋 2026 (Friday 25 September, 08:00, before the 09:00 care run), whose
/// customers of 李娜 and 张伟 have all added their rep on WeCom and so may be greeted. 星辰网络's 李伟 has his
/// birthday that day and 南京星辰网络's 周伟 the next.
/// </summary>
internal sealed class CareDemo : IAsyncDisposable
{
    public static readonly DateTimeOffset MidAutumnMorning = new(2026, 9, 25, 8, 0, 0, TimeSpan.FromHours(8));

    private CareDemo(FakeTimeProvider clock, LiveBot bot)
    {
        Clock = clock;
        Bot = bot;
    }

    public FakeTimeProvider Clock { get; }

    public LiveBot Bot { get; }

    public static async Task<CareDemo> StartAsync()
    {
        var clock = new FakeTimeProvider(MidAutumnMorning.ToUniversalTime());
        var bot = await LiveBot.StartWithDemoCompanyAsync(clock);
        await using var connection = new NpgsqlConnection(bot.ConnectionString);
        var follows = await connection.QueryAsync<(string Rep, string ExternalUserId, string Name)>("""
            update contacts ct set wecom_external_userid = 'wm_demo_' || ct.id, care_consent_at = now(), care_consent_source = 'wecom'
            from customers c join users u on u.id = c.owner_id
            where c.id = ct.customer_id and u.wecom_userid in ('lina', 'zhangwei')
            returning u.wecom_userid, ct.wecom_external_userid, ct.name
            """);
        foreach (var rep in follows.GroupBy(f => f.Rep))
        {
            (await bot.Emulator.PostAsJsonAsync("control/contacts/existing",
                new ExistingContactsRequest(rep.Key, [.. rep.Select(f => new ExistingContact(f.ExternalUserId, f.Name))]), EmulatorJson.Control)).EnsureSuccessStatusCode();
        }
        return new CareDemo(clock, bot);
    }

    /// <summary>The morning's care run at 09:00, the clock moved with it.</summary>
    public Task<CareGreetingSummary> RunCareAsync()
    {
        Clock.SetUtcNow(MidAutumnMorning.AddHours(1).ToUniversalTime());
        return Bot.Services.GetRequiredService<CareGreetingRun>().RunAsync(Clock.GetUtcNow(), CancellationToken.None);
    }

    /// <summary>The text of the group send queued for the contact, or null when none was.</summary>
    public async Task<string?> QueuedTextAsync(string customer, string contact)
    {
        await using var connection = new NpgsqlConnection(Bot.ConnectionString);
        return await connection.ExecuteScalarAsync<string?>("""
            select o.payload -> 'text' ->> 'content' from outbox o
            join contacts ct on ct.wecom_external_userid = o.recipient join customers c on c.id = ct.customer_id
            where o.kind = 'msg_template' and c.short_name = @Customer and ct.name = @Contact
            """, new { Customer = customer, Contact = contact });
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
