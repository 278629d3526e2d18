using System.Net;
using System.Text;
using Bot.Conversations.Dialogs;
using Bot.Conversations.Team;
using Bot.Host.Messaging;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>The whole channel over loopback HTTP: the emulator posts real encrypted callbacks, the bot answers through the outbox.</summary>
public sealed class ChannelEndToEndTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync()
    {
        _bot = await LiveBot.StartAsync(("WeCom:Outbox:PerRecipientPerMinute", "3"));
        // Colleagues: outsiders are answered once a day only, and these tests count replies.
        var users = _bot.Services.GetRequiredService<IUserDirectory>();
        foreach (var id in new[] { "e2e_dup", "e2e_token", "e2e_5xx", "e2e_rate", "e2e_voice", "e2e_card" })
            await users.UpsertAsync(id, "测试" + id[4..], UserRole.Rep, null, CancellationToken.None);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Fact]
    public async Task Text_FromMember_ReplyArrivesInWeCom()
    {
        await _bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("e2e_text", "测试销售", UserRole.Rep, null, CancellationToken.None);
        var delivery = await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("e2e_text", "你好"));

        Assert.Equal((true, 200, ""), (delivery.Delivered, delivery.StatusCode, delivery.ResponseBody));
        var reply = Assert.Single(await _bot.MessagesToAsync("e2e_text", 1));
        Assert.Equal(("text", HelpHandler.HelpText), (reply.MsgType, reply.Content));
    }

    [Fact]
    public async Task SameCallbackPostedThreeTimes_AnsweredOnce()
    {
        var (url, body) = SignedCallback.Envelope(SignedCallback.Text("e2e_dup", "本周漏斗", 7_000_001));
        using var http = new HttpClient { BaseAddress = new Uri(_bot.BaseUrl) };
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "text/xml"))).StatusCode);

        Assert.Single(await _bot.MessagesToAsync("e2e_dup", 1));
        await Task.Delay(500);
        Assert.Single(await _bot.MessagesToAsync("e2e_dup", 2, TimeSpan.Zero));
        Assert.Equal(1, await ScalarAsync("select count(*) from inbound_messages where from_user = 'e2e_dup'"));
    }

    [Fact]
    public async Task TokenExpiresMidRun_NextReplyStillArrives()
    {
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("e2e_token", "第一句"));
        await _bot.MessagesToAsync("e2e_token", 1);
        using (var expire = await _bot.Emulator.PostAsync("control/tokens/expire", null))
            expire.EnsureSuccessStatusCode();

        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("e2e_token", "第二句"));

        Assert.Equal(2, (await _bot.MessagesToAsync("e2e_token", 2)).Count);
    }

    [Fact]
    public async Task WeComAnswers5xxThenRecovers_ExactlyOneDelivery()
    {
        await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", Http500 = 4 });

        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("e2e_5xx", "在吗"));

        Assert.Single(await _bot.MessagesToAsync("e2e_5xx", 1, TimeSpan.FromSeconds(20)));
        await Task.Delay(1000);
        Assert.Single(await _bot.MessagesToAsync("e2e_5xx", 2, TimeSpan.Zero));
        Assert.Equal(1, await ScalarAsync("select count(*) from outbox where recipient = 'e2e_5xx' and status = 'sent'"));
    }

    [Fact]
    public async Task MoreRepliesThanTheMinuteAllows_ExtraOnesWaitInsteadOfBeingDroppedByWeCom()
    {
        for (var i = 0; i < 5; i++)
            await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("e2e_rate", $"消息{i}"));

        Assert.Equal(3, (await _bot.MessagesToAsync("e2e_rate", 3)).Count);
        await Task.Delay(500);
        Assert.Equal(3, (await _bot.MessagesToAsync("e2e_rate", 4, TimeSpan.Zero)).Count);
        Assert.Empty(await _bot.ControlAsync<List<CapturedMessage>>("messages/dropped?touser=e2e_rate"));
        // Both wait: the fourth until the next minute, the fifth behind it (a member's messages go out in order).
        Assert.Equal(2, await ScalarAsync("select count(*) from outbox where recipient = 'e2e_rate' and status = 'pending'"));
    }

    [Fact]
    public async Task Voice_InTheApp_ExplainsHowToSendVoice()
    {
        await _bot.ControlAsync<CallbackDelivery>("app/voice", new AppVoiceRequest("e2e_voice", "MEDIA1"));

        Assert.Equal(InboundWorker.VoiceHint, Assert.Single(await _bot.MessagesToAsync("e2e_voice", 1)).Content);
    }

    [Fact]
    public async Task CardButtonClicked_ButtonGreysOut()
    {
        var click = await _bot.ControlAsync<CardClickResponse>("app/card-click", new CardClickRequest("e2e_card", "task_1", "done:42"));

        var deadline = DateTime.UtcNow.AddSeconds(15);
        List<CardUpdate> updates;
        do
        {
            updates = await _bot.ControlAsync<List<CardUpdate>>("card-updates");
        }
        while (updates.Count == 0 && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        var update = Assert.Single(updates);
        Assert.Equal((click.ResponseCode, "已处理"), (update.ResponseCode, update.ReplaceName));
    }

    [Fact]
    public async Task AiBotInTheTeamGroup_StreamsTheAnswer()
    {
        await _bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("e2e_mgr", "王经理", UserRole.Manager, null, CancellationToken.None);
        var exchange = await _bot.ControlAsync<AiBotExchange>("aibot/message", new AiBotMessageRequest("e2e_mgr", "@销售助手 本周漏斗", ChatId: "team-chat"));

        Assert.True(exchange.Finished, exchange.Error);
        Assert.Contains("漏斗 · 本周", exchange.FinalContent);
    }

    [Fact]
    public async Task CustomerAddsRepThenRemoves_WelcomedLinkedAndChurnAlerted()
    {
        var users = _bot.Services.GetRequiredService<IUserDirectory>();
        var manager = await users.UpsertAsync("e2e_boss", "王强", UserRole.Manager, null, CancellationToken.None);
        await users.UpsertAsync("e2e_rep", "李娜", UserRole.Rep, manager.Id, CancellationToken.None);

        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("e2e_rep", "李明", CorpName: "星辰网络科技有限公司"));

        var notice = Assert.Single(await _bot.MessagesToAsync("e2e_rep", 1));
        Assert.Contains("新客户：李明（星辰网络科技有限公司）", notice.Content);
        var deliveries = await WaitForAsync(() => _bot.ControlAsync<List<CustomerDelivery>>($"customers/{added.ExternalUserId}/deliveries"));
        Assert.Equal(("welcome", "李明，您好！我是李娜，很高兴认识您，以后有任何问题随时找我。"), (deliveries[0].Kind, deliveries[0].Text));
        Assert.Equal(1, await ScalarAsync($"select count(*) from contacts t join customers c on c.id = t.customer_id where t.wecom_external_userid = '{added.ExternalUserId}' and c.legal_name = '星辰网络科技有限公司' and c.stage = 'lead'"));

        await _bot.ControlAsync<CallbackDelivery>("contacts/remove", new RemoveContactRequest("e2e_rep", added.ExternalUserId));

        Assert.Contains("删除了你的企业微信", (await _bot.MessagesToAsync("e2e_rep", 2))[1].Content);
        Assert.Contains("流失预警", Assert.Single(await _bot.MessagesToAsync("e2e_boss", 1)).Content);
        Assert.Equal(1, await ScalarAsync($"select count(*) from contacts where wecom_external_userid = '{added.ExternalUserId}' and wecom_removed_at is not null"));
    }

    private static async Task<List<T>> WaitForAsync<T>(Func<Task<List<T>>> poll)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var items = await poll();
            if (items.Count > 0 || DateTime.UtcNow > deadline)
                return items;
            await Task.Delay(50);
        }
    }
}
