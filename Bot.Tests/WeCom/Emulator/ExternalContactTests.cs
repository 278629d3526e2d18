using System.Collections.Concurrent;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Http;

namespace Bot.Tests.WeCom.Emulator;

public sealed class ExternalContactTests
{
    [Fact]
    public async Task AddContact_FiresAddEventWithWelcomeCode_UsableOnceThen41051()
    {
        var events = new ConcurrentQueue<Dictionary<string, string>>();
        await using var bot = await FakeBot.StartAsync((request, _) =>
        {
            events.Enqueue(AppCallbackTests.DecryptEnvelope(request));
            return Task.FromResult(Results.Ok());
        });
        await using var emulator = await EmulatorHost.StartAsync(bot.Url);
        var path = "cgi-bin/externalcontact/send_welcome_msg?access_token=" + await emulator.TokenAsync();

        var added = await emulator.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rep1", "李总", State: "expo"));
        var first = await emulator.PostAsync(path, new { welcome_code = added.WelcomeCode, text = new { content = "李总您好，我是小王" } });
        var again = await emulator.PostAsync(path, new { welcome_code = added.WelcomeCode, text = new { content = "再发一次" } });

        var addEvent = Assert.Single(events);
        Assert.Equal(("sys", "change_external_contact", "add_external_contact"), (addEvent["FromUserName"], addEvent["Event"], addEvent["ChangeType"]));
        Assert.Equal(("rep1", added.ExternalUserId, added.WelcomeCode, "expo"),
            (addEvent["UserID"], addEvent["ExternalUserID"], addEvent["WelcomeCode"], addEvent["State"]));
        Assert.Equal(0, first.GetProperty("errcode").GetInt32());
        Assert.Equal(41051, again.GetProperty("errcode").GetInt32());
        var delivered = Assert.Single(await emulator.ControlAsync<List<CustomerDelivery>>($"customers/{added.ExternalUserId}/deliveries"));
        Assert.Equal(("welcome", "rep1", "李总您好，我是小王"), (delivered.Kind, delivered.FromUserId, delivered.Text));
    }

    [Fact]
    public async Task WelcomeCode_After20Seconds_Is41051()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var added = await emulator.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rep1", "王经理"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(21));

        var late = await emulator.PostAsync("cgi-bin/externalcontact/send_welcome_msg?access_token=" + await emulator.TokenAsync(),
            new { welcome_code = added.WelcomeCode, text = new { content = "您好" } });

        Assert.Equal(41051, late.GetProperty("errcode").GetInt32());
        Assert.Empty(await emulator.ControlAsync<List<CustomerDelivery>>($"customers/{added.ExternalUserId}/deliveries"));
    }

    [Fact]
    public async Task MsgTemplate_PendingUntilRepConfirms_ThenSentToFriendsOnly()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        var li = await emulator.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rep1", "李总"));
        var zhang = await emulator.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rep1", "张总"));

        var created = await emulator.PostAsync("cgi-bin/externalcontact/add_msg_template?access_token=" + token, new
        {
            chat_type = "single", sender = "rep1", external_userid = new[] { li.ExternalUserId, zhang.ExternalUserId, "wm-stranger" },
            text = new { content = "新春快乐！" },
        });
        var msgId = created.GetProperty("msgid").GetString()!;
        Assert.Equal(["wm-stranger"], created.GetProperty("fail_list").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([0, 0], await SendStatuses(emulator, token, msgId));
        Assert.Empty(await emulator.ControlAsync<List<CustomerDelivery>>($"customers/{li.ExternalUserId}/deliveries"));
        Assert.Single(await emulator.ControlAsync<List<GroupMessageTask>>("group-messages?sender=rep1&confirmed=false"));

        await emulator.ControlAsync<object>("contacts/remove", new RemoveContactRequest("rep1", zhang.ExternalUserId));
        var confirmed = await emulator.ControlAsync<GroupMessageTask>($"group-messages/{msgId}/confirm", new ConfirmGroupMessageRequest("rep1"));

        Assert.True(confirmed.Confirmed);
        Assert.Equal([1, 2], await SendStatuses(emulator, token, msgId));
        var delivered = Assert.Single(await emulator.ControlAsync<List<CustomerDelivery>>($"customers/{li.ExternalUserId}/deliveries"));
        Assert.Equal(("group_msg", "新春快乐！", msgId), (delivered.Kind, delivered.Text, delivered.MsgId));
    }

    [Fact]
    public async Task ListGetAndBatchGetByUser_PageThroughARepsCustomers()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        var ids = new List<string>();
        foreach (var name in new[] { "甲", "乙", "丙" })
            ids.Add((await emulator.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("rep1", name))).ExternalUserId);

        var list = await emulator.GetAsync($"cgi-bin/externalcontact/list?userid=rep1&access_token={token}");
        var get = await emulator.GetAsync($"cgi-bin/externalcontact/get?external_userid={ids[1]}&access_token={token}");
        var unknown = await emulator.GetAsync($"cgi-bin/externalcontact/get?external_userid=wm-nobody&access_token={token}");
        var page1 = await emulator.PostAsync("cgi-bin/externalcontact/batch/get_by_user?access_token=" + token, new { userid_list = new[] { "rep1" }, cursor = "", limit = 2 });
        var page2 = await emulator.PostAsync("cgi-bin/externalcontact/batch/get_by_user?access_token=" + token,
            new { userid_list = new[] { "rep1" }, cursor = page1.GetProperty("next_cursor").GetString(), limit = 2 });

        Assert.Equal(ids, list.GetProperty("external_userid").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("乙", get.GetProperty("external_contact").GetProperty("name").GetString());
        Assert.Equal("rep1", get.GetProperty("follow_user")[0].GetProperty("userid").GetString());
        Assert.Equal(40096, unknown.GetProperty("errcode").GetInt32());
        Assert.Equal(2, page1.GetProperty("external_contact_list").GetArrayLength());
        var last = Assert.Single(page2.GetProperty("external_contact_list").EnumerateArray());
        Assert.Equal("丙", last.GetProperty("external_contact").GetProperty("name").GetString());
        Assert.Equal("rep1", last.GetProperty("follow_info").GetProperty("userid").GetString());
        Assert.Equal("", page2.GetProperty("next_cursor").GetString());
    }

    private static async Task<List<int>> SendStatuses(EmulatorHost emulator, string token, string msgId)
    {
        var result = await emulator.PostAsync("cgi-bin/externalcontact/get_groupmsg_send_result?access_token=" + token, new { msgid = msgId, userid = "rep1" });
        Assert.Equal(0, result.GetProperty("errcode").GetInt32());
        return [.. result.GetProperty("send_list").EnumerateArray().Select(e => e.GetProperty("status").GetInt32())];
    }
}
