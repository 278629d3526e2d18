using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using StackExchange.Redis;

namespace Bot.Tests.Fixtures;

/// <summary>
/// Looks for ID and bank card numbers wherever a bot may have kept them — every text, JSON and array column of every
/// table, every Redis key of every type, the log — in any form they may have been typed or stored in: full-width,
/// spaced, dashed, JSON-escaped.
/// </summary>
public static partial class PersonalNumbers
{
    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonEscape();

    /// <summary>The text as plain upper-case letters and digits: escapes decoded, full-width folded, spaces and dashes gone.</summary>
    public static string Fold(string text)
    {
        var unescaped = JsonEscape().Replace(text, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        var folded = new StringBuilder(unescaped.Length);
        foreach (var c in unescaped.Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c) && char.GetUnicodeCategory(c) != UnicodeCategory.DashPunctuation && c != '\u2212')
                folded.Append(char.ToUpperInvariant(c));
        }
        return folded.ToString();
    }

    /// <summary>"table.column holds NUMBER" for every column of every table that holds one of <paramref name="numbers"/>.</summary>
    public static async Task<IReadOnlyList<string>> InDatabaseAsync(string connectionString, IReadOnlyList<string> numbers)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var columns = (await connection.QueryAsync<(string Table, string Column)>("""
            select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t
              on t.table_name = c.table_name and t.table_schema = c.table_schema
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
              and c.data_type in ('text', 'jsonb', 'json', 'character varying', 'character', 'ARRAY')
            """)).ToList();
        Assert.Contains(columns, c => c.Table == "inbound_messages");
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var value in await connection.QueryAsync<string>($"select \"{column}\"::text from \"{table}\" where \"{column}\" is not null"))
                found.AddRange(Holding(value, numbers).Select(n => $"{table}.{column} holds {n}"));
        }
        return found;
    }

    /// <summary>"key holds NUMBER" for every Redis key whose name or value (string, hash, list, set, sorted set, stream) holds one.</summary>
    public static async Task<IReadOnlyList<string>> InRedisAsync(IReadOnlyList<string> numbers)
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.Redis + ",allowAdmin=true");
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var database = redis.GetDatabase();
        var found = new List<string>();
        foreach (var key in server.Keys(pattern: "*"))
        {
            var type = await database.KeyTypeAsync(key);
            IEnumerable<string?> values = type switch
            {
                RedisType.String => [await database.StringGetAsync(key)],
                RedisType.Hash => (await database.HashGetAllAsync(key)).SelectMany(e => new string?[] { e.Name, e.Value }),
                RedisType.List => (await database.ListRangeAsync(key)).Select(v => (string?)v),
                RedisType.Set => (await database.SetMembersAsync(key)).Select(v => (string?)v),
                RedisType.SortedSet => (await database.SortedSetRangeByRankAsync(key)).Select(v => (string?)v),
                RedisType.Stream => (await database.StreamRangeAsync(key)).SelectMany(e => e.Values.SelectMany(v => new string?[] { v.Name, v.Value })),
                _ => [],
            };
            found.AddRange(Holding($"{key} {string.Join(" ", values)}", numbers).Select(n => $"{key} holds {n}"));
        }
        return found;
    }

    /// <summary>The numbers in <paramref name="text"/>, however it spells them.</summary>
    public static IEnumerable<string> Holding(string text, IReadOnlyList<string> numbers)
    {
        var folded = Fold(text);
        return numbers.Where(n => folded.Contains(Fold(n), StringComparison.Ordinal));
    }
}
