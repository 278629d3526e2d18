using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bot.Data.Postgres;
using Bot.Host.WeCom;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// A host killed while processing a rep's message, or while sending a reply, holds its lease for 30 s; restarted, it
/// takes it back at once, and the rep's later message (or reply) still waits its turn.
/// </summary>
public sealed class CrashedLeaseTests
{
    private const string Payload = """{"ToUserName":"wwsandbox00000001","FromUserName":"lease_rep","MsgType":"text","Content":"{0}","MsgId":"{1}","AgentID":"1000002"}""";

    private static async Task<string> MigratedDatabaseAsync()
    {
        var connectionString = await TestDatabases.CreateEmptyAsync();
        await using var data = NpgsqlDataSource.Create(connectionString);
        await new MigrationRunner(data, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
        return connectionString;
    }

    [Fact]
    public async Task HostRestartedAfterACrash_TakesItsOwnLeaseBackAtOnce_SenderOrderKept()
    {
        var connectionString = await MigratedDatabaseAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.ExecuteAsync("insert into users (wecom_userid, name, role) values ('lease_rep', '租约测试', 'rep')");
                // What the dead host left behind: the first message mid-processing under a 30-second lease, the next one waiting.
                await connection.ExecuteAsync("""
                    insert into inbound_messages (channel, message_key, from_user, msg_type, payload, status, attempts, claimed_until, claimed_by)
                    values ('app', 'lease-1', 'lease_rep', 'text', @First::jsonb, 'processing', 1, now() + interval '30 seconds', 'host-a'),
                           ('app', 'lease-2', 'lease_rep', 'text', @Second::jsonb, 'pending', 0, null, null)
                    """, new { First = Payload.Replace("{0}", "帮助").Replace("{1}", "1"), Second = Payload.Replace("{0}", "本周漏斗").Replace("{1}", "2") });
            }
            var started = DateTime.UtcNow;

            await using var bot = await LiveBot.StartAsync(("Database:ConnectionString", connectionString), ("Inbound:HostId", "host-a"));

            var replies = await bot.MessagesToAsync("lease_rep", 2, TimeSpan.FromSeconds(15));
            Assert.Equal(2, replies.Count);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "waited out the lease");
            await using var check = new NpgsqlConnection(connectionString);
            Assert.True(await check.ExecuteScalarAsync<bool>("""
                select (select processed_at from inbound_messages where message_key = 'lease-1') <= (select processed_at from inbound_messages where message_key = 'lease-2')
                """));
        }
        finally
        {
            await TestDatabases.DropAsync(connectionString);
        }
    }

    [Fact]
    public async Task HostRestartedAfterACrash_TakesItsOwnOutboxLeaseBackAtOnce_RepliesInOrder()
    {
        var connectionString = await MigratedDatabaseAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                // What the dead host left behind: the member's first reply mid-send under a 30-second lease, the next one
                // waiting behind it (only a member's oldest open reply is sent).
                await connection.ExecuteAsync("""
                    insert into outbox (idempotency_key, channel, recipient, kind, payload, status, attempts, claimed_until, claimed_by)
                    values ('crash:1', 'app', 'lease_out', 'message', @First::jsonb, 'sending', 1, now() + interval '30 seconds', 'host-a'),
                           ('crash:2', 'app', 'lease_out', 'message', @Second::jsonb, 'pending', 0, null, null)
                    """, new { First = Reply("lease_out", "第一条"), Second = Reply("lease_out", "第二条") });
            }
            var started = DateTime.UtcNow;

            await using var bot = await LiveBot.StartAsync(("Database:ConnectionString", connectionString), ("Inbound:HostId", "host-a"));

            var replies = await bot.MessagesToAsync("lease_out", 2, TimeSpan.FromSeconds(15));
            Assert.Equal(["第一条", "第二条"], replies.Select(LiveBot.TextOf));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "waited out the lease");
        }
        finally
        {
            await TestDatabases.DropAsync(connectionString);
        }
    }

    [Fact]
    public async Task HostRestartedAfterACrash_GreetingWeComAlreadyHas_RecordedAtOnceNotSentAgain()
    {
        var connectionString = await MigratedDatabaseAsync();
        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        try
        {
            (await emulator.Client.PostAsync("control/contacts/existing", JsonContent.Create(
                new ExistingContactsRequest("crash_rep", [new ExistingContact("wm_crash_li", "李明")]), options: EmulatorJson.Control))).EnsureSuccessStatusCode();
            var greeting = new JsonObject
            {
                ["chat_type"] = "single", ["external_userid"] = new JsonArray("wm_crash_li"), ["sender"] = "crash_rep", ["allow_select"] = false,
                ["text"] = new JsonObject { ["content"] = "李总，新春快乐！" },
            };
            // The dead host's attempt reached WeCom; the host died before it could record the answer.
            var token = (await emulator.Client.GetFromJsonAsync<JsonObject>($"cgi-bin/gettoken?corpid={SignedCallback.CorpId}&corpsecret=sandbox-app-secret"))!["access_token"]!.GetValue<string>();
            using var sent = await emulator.Client.PostAsync($"cgi-bin/externalcontact/add_msg_template?access_token={token}", new StringContent(greeting.ToJsonString(WeComJson.Options), System.Text.Encoding.UTF8, "application/json"));
            var msgId = (await sent.Content.ReadFromJsonAsync<JsonObject>())!["msgid"]!.GetValue<string>();
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.ExecuteAsync("""
                    insert into outbox (idempotency_key, channel, recipient, kind, payload, status, attempts, claimed_until, claimed_by)
                    values ('care:crash', 'app', 'wm_crash_li', 'msg_template', @Payload::jsonb, 'sending', 1, now() + interval '30 seconds', 'host-a')
                    """, new { Payload = greeting.ToJsonString() });
            }
            var started = DateTime.UtcNow;

            // The care window is open all day so the test does not depend on the hour it runs.
            await using var bot = await LiveBot.StartAsync(("Database:ConnectionString", connectionString), ("Inbound:HostId", "host-a"),
                ("WeCom:BaseUrl", emulator.ApiBaseUrl), ("Care:SendFromHour", "0"), ("Care:SendUntilHour", "24"));

            await using var check = new NpgsqlConnection(connectionString);
            (string Status, string? MsgId) row;
            while ((row = await check.QuerySingleAsync<(string, string?)>("select status, wecom_msgid from outbox where idempotency_key = 'care:crash'")).Status != "sent"
                   && DateTime.UtcNow - started < TimeSpan.FromSeconds(20))
                await Task.Delay(100);
            Assert.Equal(("sent", msgId), row);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), "waited out the lease");
            Assert.Single(await emulator.ControlAsync<List<GroupMessageTask>>("group-messages?sender=crash_rep"));
        }
        finally
        {
            await TestDatabases.DropAsync(connectionString);
        }
    }

    private static string Reply(string to, string text) =>
        new JsonObject { ["touser"] = to, ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text } }.ToJsonString();
}
