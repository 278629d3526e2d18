using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Every effect of one inbound message happens once, whatever fails between them: the handlers have written the
/// interaction, the reminder and the dialog state when the message fails (an exception after the handlers ran, or its
/// database connection killed), and the retry leaves exactly one of each and one reply.
/// </summary>
public sealed class ExactlyOnceTests : IAsyncLifetime
{
    private LiveBot _bot = null!;
    private FailingOnce _failing = null!;

    public async Task InitializeAsync()
    {
        _failing = new FailingOnce();
        _bot = await LiveBot.StartAsync(services => services.AddSingleton<IConversationEngine>(sp =>
            new FailingEngine(ActivatorUtilities.CreateInstance<ConversationEngine>(sp), _failing, sp.GetRequiredService<Npgsql.NpgsqlDataSource>())),
            ("Inbound:MaxAttempts", "5"));
        await _bot.Services.GetRequiredService<Bot.Data.Demo.DemoCompanySeeder>().SeedIfEmptyAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<long> CountAsync(string sql, string tag)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql, new { Tag = $"%{tag}%" });
    }

    [Theory]
    [InlineData(FailingOnce.Mode.Throw, "刚给安泰快运打了电话，他嫌贵，明天上午10点再跟进 甲一")]
    [InlineData(FailingOnce.Mode.KillConnection, "刚给安泰快运打了电话，他嫌贵，明天上午10点再跟进 甲二")]
    public async Task MessageFailsAfterItsHandlerWrote_RetryLeavesOneInteractionOneReminderOneReply(FailingOnce.Mode mode, string text)
    {
        var tag = text[^2..];
        _failing.Arm(tag, mode);

        var reply = await _bot.SayAsync("lina", text, 1);

        Assert.StartsWith("已记录：安泰快运", LiveBot.TextOf(reply));
        Assert.Equal(1, _failing.Failures);
        Assert.Equal(1L, await CountAsync("select count(*) from interactions where source_message like @Tag", tag));
        Assert.Equal(1L, await CountAsync("""
            select count(*) from reminders r join customers c on c.id = r.customer_id
            where c.short_name = '安泰快运' and r.status = 'open' and r.source = 'interaction'
            """, tag));
        Assert.Equal(1L, await CountAsync("select count(*) from inbound_messages where payload->>'Content' like @Tag and status = 'done' and attempts = 2", tag));
        Assert.Single(await _bot.MessagesToAsync("lina", 2, TimeSpan.FromSeconds(2)));
        // The undo entry is the committed attempt's: 撤销 removes the one interaction.
        var undone = await _bot.SayAsync("lina", "撤销", 2);
        Assert.Contains("已撤销", LiveBot.TextOf(undone));
        Assert.Equal(0L, await CountAsync("select count(*) from interactions where source_message like @Tag", tag));
    }

    [Fact]
    public async Task ReminderRequestFailsAfterItsHandlerWrote_RetryLeavesOneReminder()
    {
        _failing.Arm("乙一", FailingOnce.Mode.Throw);

        var reply = await _bot.SayAsync("lina", "明天下午3点提醒我回访天元培训 乙一", 1);

        Assert.Contains("提醒", LiveBot.TextOf(reply));
        Assert.Equal(1, _failing.Failures);
        var due = Bot.Conversations.Common.ChinaTime.At(Bot.Conversations.Common.ChinaTime.DateOf(DateTimeOffset.UtcNow).AddDays(1), new TimeOnly(15, 0));
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("""
            select count(*) from reminders r join customers c on c.id = r.customer_id
            where c.short_name = '天元培训' and r.status = 'open' and r.source = 'manual' and r.due_at = @Due
            """, new { Due = due.UtcDateTime }));
    }

    /// <summary>Which message to fail, once, and how.</summary>
    public sealed class FailingOnce
    {
        public enum Mode
        {
            Throw,
            KillConnection,
        }

        private string? _tag;

        public Mode How { get; private set; }

        public int Failures { get; private set; }

        public void Arm(string tag, Mode how) => (_tag, How, Failures) = (tag, how, 0);

        public bool Take(string text)
        {
            if (_tag is null || !text.Contains(_tag, StringComparison.Ordinal))
                return false;
            _tag = null;
            Failures++;
            return true;
        }
    }

    /// <summary>The real engine; after it has written everything, the armed message fails.</summary>
    private sealed class FailingEngine(IConversationEngine inner, FailingOnce failing, NpgsqlDataSource database) : IConversationEngine
    {
        public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken ct)
        {
            var replies = await inner.HandleAsync(message, ct);
            if (!failing.Take(message.Text))
                return replies;
            if (failing.How == FailingOnce.Mode.Throw)
                throw new InvalidOperationException("injected failure after the handler wrote");
            // The message's own connection (enlisted in its transaction) dies, as when PostgreSQL restarts mid-message.
            await using var connection = await database.OpenConnectionAsync(ct);
            await connection.ExecuteAsync("select pg_terminate_backend(pg_backend_pid())");
            return replies;
        }
    }
}
