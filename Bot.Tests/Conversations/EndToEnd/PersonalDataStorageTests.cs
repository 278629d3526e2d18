using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;
using StackExchange.Redis;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// ID and bank card numbers a rep types — plain, with spaces or dashes, ending in X — are kept nowhere: not in any
/// text column of any table (the stored WeCom message and the outbox included) and not in any Redis key.
/// </summary>
public sealed class PersonalDataStorageTests : IAsyncLifetime
{
    private static readonly string[] Numbers = ["110101198001010053", "11010519491231002X", "6222021234567894"];

    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task NumbersTypedInChat_StoredNowhere_AndTheRepIsTold()
    {
        var first = await _bot.SayAsync("lina", "刚给成都星辰打了电话，对方身份证 110101-19800101-0053，卡号 6222 0212 3456 7894，下周三再跟进", 1);
        Assert.Contains("已隐去", LiveBot.TextOf(first));
        // A doubtful write waits in Redis for 是: its text is masked there too.
        await _bot.SayAsync("lina", "给南京星辰打电话没人接，他身份证11010519491231002x", 3);

        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var columns = (await connection.QueryAsync<(string Table, string Column)>("""
            select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t
              on t.table_name = c.table_name and t.table_schema = c.table_schema
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.data_type in ('text', 'jsonb', 'character varying', 'ARRAY', 'json')
            """)).ToList();
        Assert.Contains(columns, c => c.Table == "inbound_messages");
        foreach (var (table, column) in columns)
        {
            foreach (var number in Numbers)
            {
                var found = await connection.ExecuteScalarAsync<long>(
                    $"select count(*) from \"{table}\" where upper(regexp_replace(\"{column}\"::text, '[ -]', '', 'g')) like '%' || @Number || '%'", new { Number = number });
                Assert.True(found == 0, $"{number} in {table}.{column}");
            }
        }

        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        foreach (var key in server.Keys(pattern: "*"))
        {
            var type = await database.KeyTypeAsync(key);
            var value = type switch
            {
                RedisType.String => (string?)await database.StringGetAsync(key) ?? "",
                RedisType.Hash => string.Join(" ", (await database.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                RedisType.List => string.Join(" ", (await database.ListRangeAsync(key)).Select(v => (string?)v)),
                _ => "",
            };
            var flat = value.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
            Assert.DoesNotContain(Numbers, n => flat.Contains(n, StringComparison.Ordinal));
        }
    }
}
