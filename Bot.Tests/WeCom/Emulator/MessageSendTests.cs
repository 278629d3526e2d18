using System.Text;
using System.Text.Json;
using Bot.Sandbox.Emulator;

namespace Bot.Tests.WeCom.Emulator;

public sealed class MessageSendTests
{
    [Fact]
    public async Task Send_Text_CapturedWithUniqueMsgId()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var path = "cgi-bin/message/send?access_token=" + await emulator.TokenAsync();

        var first = await emulator.PostAsync(path, Text("rep1|rep2", "下午三点拜访星辰科技"));
        var second = await emulator.PostAsync(path, Text("rep1", "好的"));

        Assert.Equal(0, first.GetProperty("errcode").GetInt32());
        Assert.NotEqual(first.GetProperty("msgid").GetString(), second.GetProperty("msgid").GetString());
        var toRep1 = await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=rep1");
        Assert.Equal(["下午三点拜访星辰科技", "好的"], toRep1.Select(m => m.Content));
        Assert.All(toRep1, m => Assert.Equal("text", m.MsgType));
        var since = await emulator.ControlAsync<List<CapturedMessage>>($"messages?sinceId={toRep1[0].Id}");
        Assert.Equal(["rep2", "rep1"], since.Select(m => m.ToUser));
    }

    [Fact]
    public async Task Send_TextOver2048Bytes_TruncatedOnCharacterBoundary()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var content = "a" + new string('你', 700);

        var answer = await emulator.PostAsync("cgi-bin/message/send?access_token=" + await emulator.TokenAsync(), Text("rep1", content));

        Assert.Equal(0, answer.GetProperty("errcode").GetInt32());
        var message = Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages"));
        Assert.True(message.Truncated);
        Assert.Equal(2101, message.OriginalBytes);
        Assert.Equal("a" + new string('你', 682), message.Content);
        Assert.Equal(2047, Encoding.UTF8.GetByteCount(message.Content!));
    }

    [Fact]
    public async Task Send_31stMessageToOneMemberInAMinute_SilentlyDropped()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var path = "cgi-bin/message/send?access_token=" + await emulator.TokenAsync();

        for (var i = 1; i <= 31; i++)
            Assert.Equal(0, (await emulator.PostAsync(path, Text("rep1", $"第{i}条"))).GetProperty("errcode").GetInt32());
        await emulator.PostAsync(path, Text("rep2", "别人不受影响"));

        Assert.Equal(30, (await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=rep1")).Count);
        Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=rep2"));
        var dropped = Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages/dropped"));
        Assert.Equal("第31条", dropped.Content);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await emulator.PostAsync(path, Text("rep1", "一分钟后"));
        Assert.Equal(31, (await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=rep1")).Count);
    }

    [Fact]
    public async Task Send_UnicodeEscapedJson_Returns40033()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var path = "cgi-bin/message/send?access_token=" + await emulator.TokenAsync();
        var escaped = JsonSerializer.Serialize(new { touser = "rep1", msgtype = "text", agentid = EmulatorHost.AgentId, text = new { content = "你好" } });
        Assert.Contains("\\u4F60", escaped, StringComparison.Ordinal);

        var answer = await emulator.PostRawAsync(path, escaped);
        var asciiEscape = await emulator.PostRawAsync(path, escaped.Replace("\\u4F60\\u597D", "\\u003Cok\\u003E", StringComparison.Ordinal));

        Assert.Equal(40033, answer.GetProperty("errcode").GetInt32());
        Assert.Equal(0, asciiEscape.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Send_EmptyContentOrWrongAgent_Returns44004And40056()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var path = "cgi-bin/message/send?access_token=" + await emulator.TokenAsync();

        var empty = await emulator.PostAsync(path, Text("rep1", ""));
        var wrongAgent = await emulator.PostAsync(path, new { touser = "rep1", msgtype = "text", agentid = 1, text = new { content = "x" } });

        Assert.Equal(44004, empty.GetProperty("errcode").GetInt32());
        Assert.Equal(40056, wrongAgent.GetProperty("errcode").GetInt32());
        Assert.Empty(await emulator.ControlAsync<List<CapturedMessage>>("messages"));
    }

    [Fact]
    public async Task UpdateTemplateCard_ResponseCode_AcceptedOnceThen40035()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var token = await emulator.TokenAsync();
        var card = new
        {
            touser = "rep1", msgtype = "template_card", agentid = EmulatorHost.AgentId,
            template_card = new
            {
                card_type = "button_interaction", task_id = "visit-42", main_title = new { title = "确认拜访" },
                button_list = new[] { new { text = "确认", style = 1, key = "confirm" } },
            },
        };
        var sent = await emulator.PostAsync("cgi-bin/message/send?access_token=" + token, card);
        var code = sent.GetProperty("response_code").GetString();
        var update = new { userids = new[] { "rep1" }, agentid = EmulatorHost.AgentId, response_code = code, button = new { replace_name = "已确认" } };

        var first = await emulator.PostAsync("cgi-bin/message/update_template_card?access_token=" + token, update);
        var second = await emulator.PostAsync("cgi-bin/message/update_template_card?access_token=" + token, update);

        Assert.Equal(0, first.GetProperty("errcode").GetInt32());
        Assert.Equal(40035, second.GetProperty("errcode").GetInt32());
        var recorded = Assert.Single(await emulator.ControlAsync<List<CardUpdate>>("card-updates"));
        Assert.Equal(("已确认", "visit-42"), (recorded.ReplaceName, recorded.TaskId));
        var captured = Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages"));
        Assert.Equal("button_interaction", captured.Payload.GetProperty("card_type").GetString());
    }

    private static object Text(string touser, string content) =>
        new { touser, msgtype = "text", agentid = EmulatorHost.AgentId, text = new { content } };
}
