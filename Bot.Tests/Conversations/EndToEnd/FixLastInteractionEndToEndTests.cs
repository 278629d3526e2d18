using Bot.Tests.Fixtures;
using Dapper;
using Npgsql;

namespace Bot.Tests.Conversations.EndToEnd;

/// <summary>
/// Fixing one field of the interaction just logged, through the WeCom emulator on the demo company: 「不对，是上门拜访」
/// changes the channel, 「联系人是X不是Y」 the contact, each keeping everything else, and 撤销 afterwards undoes the
/// fixed interaction; a contact the customer does not have is not guessed.
/// </summary>
public sealed class FixLastInteractionEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartWithDemoCompanyAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<string> SayAsync(string user, string text)
    {
        var before = (await _bot.MessagesToAsync(user, 0)).Count;
        var reply = LiveBot.TextOf(await _bot.SayAsync(user, text, before + 1));
        await _bot.SettledAsync(user);
        return reply;
    }

    private async Task<List<(string Channel, string? Contact)>> InteractionsAsync(string tag)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var rows = await connection.QueryAsync<(string, string?)>("""
            select i.channel, k.name from interactions i left join contacts k on k.id = i.contact_id
            where i.source_message like '%' || @Tag || '%'
            """, new { Tag = tag });
        return [.. rows];
    }

    [Fact]
    public async Task ChannelFixed_ThenUndone_LeavesNothing()
    {
        await SayAsync("lina", "刚给天元培训学校打了电话，聊了下课程方案 fixA");
        Assert.Equal([("phone", null)], await InteractionsAsync("fixA"));

        var fixedReply = await SayAsync("lina", "不对，是上门拜访");

        Assert.StartsWith("已更正：渠道改为拜访。\n已记录：天元培训 · 拜访", fixedReply);
        Assert.Equal([("visit", null)], await InteractionsAsync("fixA"));
        await SayAsync("lina", "撤销");
        Assert.Empty(await InteractionsAsync("fixA"));
    }

    [Fact]
    public async Task ContactFixed_ToAnotherOfTheCustomersContacts_AndAnUnknownOneIsNotGuessed()
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        var (legalName, first, second) = await connection.QuerySingleAsync<(string, string, string)>("""
            select c.legal_name, min(k.name), max(k.name) from customers c join contacts k on k.customer_id = c.id
            join users u on u.id = c.owner_id where u.wecom_userid = 'lina' and c.stage <> 'lost'
            group by c.id, c.legal_name having count(*) >= 2 order by c.id limit 1
            """);
        await SayAsync("lina", $"刚拜访了{legalName}的{first}，聊得不错 fixB");
        Assert.Equal([("visit", first)], await InteractionsAsync("fixB"));

        var unknown = await SayAsync("lina", "联系人是欧阳娜娜");
        var fixedReply = await SayAsync("lina", $"联系人是{second}不是{first}");

        Assert.Contains("没有叫「欧阳娜娜」的联系人", unknown);
        Assert.StartsWith($"已更正：联系人改为{second}。\n", fixedReply);
        Assert.Equal([("visit", second)], await InteractionsAsync("fixB"));
    }
}
