using System.Net;
using System.Text;
using Bot.Conversations.Team;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// While PostgreSQL refuses connections, callbacks answer 503 (WeCom retries them; nothing was acknowledged) and
/// the log gets a warning line per interval, not a stack trace per callback; when it is back, callbacks are stored again.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task DatabaseRefusesConnections_Callbacks503_OneWarningLine_ThenRecovers()
    {
        var logs = new CapturedLogs();
        await using var bot = await LiveBot.StartAsync(services => services.AddSingleton<ILoggerProvider>(logs));
        await bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("db_down", "测试销售", UserRole.Rep, null, CancellationToken.None);
        var database = new NpgsqlConnectionStringBuilder(bot.ConnectionString).Database!;
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        async Task<HttpStatusCode> PostAsync(int n)
        {
            var (url, body) = SignedCallback.Envelope(SignedCallback.Text("db_down", "本周漏斗", 9_300_000 + n));
            using var response = await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "application/xml"));
            return response.StatusCode;
        }

        await SetConnectionsAsync(bot, database, allowed: false);
        try
        {
            var statuses = new List<HttpStatusCode>();
            var started = DateTime.UtcNow;
            for (var i = 0; i < 20; i++)
                statuses.Add(await PostAsync(i));
            // One line per ten-second interval: a slow machine may legitimately cross into another interval.
            var intervals = (int)((DateTime.UtcNow - started).TotalSeconds / 10) + 1;

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s));
            var callbackLines = logs.Lines.Where(l => l.Message.Contains("callback", StringComparison.Ordinal)).ToList();
            Assert.InRange(callbackLines.Count, 1, intervals);
            Assert.All(callbackLines, l => Assert.Null(l.Exception));
            Assert.DoesNotContain(logs.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level >= LogLevel.Error);
        }
        finally
        {
            await SetConnectionsAsync(bot, database, allowed: true);
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode after;
        while ((after = await PostAsync(100)) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal(HttpStatusCode.OK, after);
    }

    private static async Task SetConnectionsAsync(LiveBot bot, string database, bool allowed)
    {
        var admin = new NpgsqlConnectionStringBuilder(bot.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.ExecuteAsync($"alter database \"{database}\" with allow_connections {(allowed ? "true" : "false")}");
        if (!allowed)
            await connection.ExecuteAsync("select pg_terminate_backend(pid) from pg_stat_activity where datname = @Database and pid <> pg_backend_pid()", new { Database = database });
    }
}
