using System.Text;
using System.Text.Json.Nodes;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Client;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.WeCom;

/// <summary>Our WeCom client against the emulator over HTTP: the protocol traps it must not fall into.</summary>
public sealed class WeComClientTests : IAsyncLifetime
{
    private LiveBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LiveBot.StartAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task UploadMedia_UnquotedBoundary_Accepted()
    {
        var client = _bot.Services.GetRequiredService<WeComMedia>();

        var media = await client.UploadAsync("file", "周报.txt", Encoding.UTF8.GetBytes("本周漏斗：潜在 12，意向 8"), "text/plain", CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(media.MediaId));
        var stored = await _bot.ControlAsync<List<JsonObject>>("media");
        Assert.Equal("周报.txt", Assert.Single(stored)["fileName"]?.GetValue<string>());
    }

    [Fact]
    public async Task SendText_ChineseLongerThan2048Bytes_CutOnACharacterBoundaryAndSentAsRawUtf8()
    {
        var api = _bot.Services.GetRequiredService<WeComApiClient>();
        var text = string.Concat(Enumerable.Repeat("跟进星辰网络😀", 200));
        var message = AppMessageRenderer.Render("client_long", Bot.Conversations.Pipeline.Reply.Plain(text), "k1");
        var body = JsonNode.Parse(message.Payload)!.AsObject();
        body["agentid"] = 1000002;

        await api.PostAsync("message/send", body, CancellationToken.None);

        var sent = Assert.Single(await _bot.MessagesToAsync("client_long", 1));
        Assert.False(sent.Truncated);
        Assert.True(Encoding.UTF8.GetByteCount(sent.Content!) <= 2048);
        Assert.StartsWith(sent.Content!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", message.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenRejected_RefreshedOnceAndCallSucceeds()
    {
        var api = _bot.Services.GetRequiredService<WeComApiClient>();
        var send = new JsonObject { ["touser"] = "client_token", ["msgtype"] = "text", ["agentid"] = 1000002, ["text"] = new JsonObject { ["content"] = "一" } };
        await api.PostAsync("message/send", send.DeepClone(), CancellationToken.None);
        await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", Errcode = 42001, ErrcodeCount = 1 });

        await api.PostAsync("message/send", send.DeepClone(), CancellationToken.None);

        Assert.Equal(2, (await _bot.MessagesToAsync("client_token", 2)).Count);
    }

    [Fact]
    public async Task GroupMessage_PendingUntilRepConfirms_ThenSent()
    {
        var added = await _bot.ControlAsync<AddContactResponse>("contacts", new AddContactRequest("client_rep", "赵总"));
        var api = _bot.Services.GetRequiredService<WeComApiClient>();
        var response = await api.PostAsync("externalcontact/add_msg_template", new JsonObject
        {
            ["chat_type"] = "single",
            ["external_userid"] = new JsonArray(added.ExternalUserId),
            ["sender"] = "client_rep",
            ["text"] = new JsonObject { ["content"] = "赵总，中秋快乐！" },
        }, CancellationToken.None);
        var msgId = response.Body["msgid"]!.GetValue<string>();
        var contact = _bot.Services.GetRequiredService<WeComCustomerContact>();

        Assert.Equal(0, Assert.Single(await contact.GetGroupMessageSendResultAsync(msgId, "client_rep", CancellationToken.None)).Status);
        await _bot.ControlAsync<GroupMessageTask>($"group-messages/{msgId}/confirm", new { userId = "client_rep" });
        Assert.Equal(1, Assert.Single(await contact.GetGroupMessageSendResultAsync(msgId, "client_rep", CancellationToken.None)).Status);
    }
}
