using Bot.Data.Postgres;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// A host killed while processing a rep's message holds its lease for 30 s; restarted, it takes the message back at
/// once, and the rep's later message still waits its turn.
/// </summary>
public sealed class CrashedLeaseTests
{
    private const string Payload = """{"ToUserName":"wwsandbox00000001","FromUserName":"lease_rep","MsgType":"text","Content":"{0}","MsgId":"{1}","AgentID":"1000002"}""";

    [Fact]
    public async Task HostRestartedAfterACrash_TakesItsOwnLeaseBackAtOnce_SenderOrderKept()
    {
        var connectionString = await TestDatabases.CreateEmptyAsync();
        try
        {
            await using (var data = NpgsqlDataSource.Create(connectionString))
                await new MigrationRunner(data, NullLogger<MigrationRunner>.Instance).MigrateAsync(CancellationToken.None);
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
}
