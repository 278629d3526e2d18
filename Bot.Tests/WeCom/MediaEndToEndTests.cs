using System.Text.Json;
using Bot.Conversations.Pipeline;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.WeCom;

/// <summary>
/// A reply carrying a picture or a file, from the engine to what the member receives in the emulator over HTTP: the
/// outbox keeps the bytes, the dispatcher uploads them (media/upload) and sends the media_id, the AI bot puts pictures
/// under its finished stream. The engine is a stand-in that answers with attachments, so no report handler is needed.
/// </summary>
public sealed class MediaEndToEndTests : IAsyncLifetime
{
    private static readonly byte[] Chart = TestPng.Create(37, 23);
    private static readonly byte[] Workbook = [.. "PK\u0003\u0004"u8, .. Enumerable.Range(0, 3000).Select(i => (byte)(i * 7))];

    private LiveBot _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await LiveBot.StartAsync(services => services.AddSingleton<IConversationEngine, AttachmentEngine>());

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task ImageReply_ArrivesAsImageMessageWithThePngSent()
    {
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("media_img", "图"));

        var messages = await _bot.MessagesToAsync("media_img", 2);
        Assert.Equal(["markdown", "image"], messages.Select(m => m.MsgType));
        var image = messages[1];
        Assert.Equal(image.Media!.MediaId, image.Payload.GetProperty("media_id").GetString());
        var bytes = await MediaBytesAsync(image);
        Assert.Equal((37, 23), TestPng.Size(bytes));
        Assert.Equal(Chart, bytes);
    }

    [Fact]
    public async Task FileReply_ArrivesAsFileMessageWithTheSameBytes()
    {
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("media_file", "文件"));

        var file = (await _bot.MessagesToAsync("media_file", 2))[1];
        Assert.Equal(("file", "本周报表.xlsx"), (file.MsgType, file.Media?.FileName));
        Assert.Equal(Workbook, await MediaBytesAsync(file));
    }

    [Fact]
    public async Task UploadFailsUntilTheFaultClears_RetriedFromTheOutboxThenSentOnce()
    {
        var fault = await _bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "media/upload", Errcode = -1, ErrcodeCount = 1000 });

        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("media_retry", "图"));

        Assert.True(await BecomesTrueAsync(async () => await ScalarAsync(
            "select count(*) from outbox where recipient = 'media_retry' and kind = 'media_message' and attempts >= 2 and last_error like '%errcode -1%'") == 1));
        Assert.Single(await _bot.MessagesToAsync("media_retry", 1, TimeSpan.Zero));
        using (var cleared = await _bot.Emulator.DeleteAsync($"control/faults/{fault.Id}"))
            cleared.EnsureSuccessStatusCode();

        var messages = await _bot.MessagesToAsync("media_retry", 2, TimeSpan.FromSeconds(30));
        Assert.Equal((37, 23), TestPng.Size(await MediaBytesAsync(messages[1])));
        Assert.Equal(1, await ScalarAsync("select count(*) from outbox where recipient = 'media_retry' and kind = 'media_message' and status = 'sent'"));
    }

    [Fact]
    public async Task FileOver20MB_ParkedWithoutUploading()
    {
        await _bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest("media_big", "大文件"));

        Assert.True(await BecomesTrueAsync(async () => await ScalarAsync(
            "select count(*) from outbox where recipient = 'media_big' and status = 'parked' and last_error like '%over WeCom''s 20 MB limit%'") == 1));
        Assert.DoesNotContain(await _bot.ControlAsync<List<StoredMedia>>("media"), m => m.FileName == "年度明细.xlsx");
        Assert.Single(await _bot.MessagesToAsync("media_big", 1, TimeSpan.Zero));
    }

    [Fact]
    public async Task AiBotAnswerWithPictureAndFile_PictureUnderTheFinishedStreamFileThroughTheApp()
    {
        var exchange = await _bot.ControlAsync<AiBotExchange>("aibot/message", new AiBotMessageRequest("media_aibot", "两样"));

        Assert.True(exchange.Finished, exchange.Error);
        Assert.Null(exchange.Error);
        Assert.Contains("文件已通过应用消息发给你", exchange.FinalContent, StringComparison.Ordinal);
        var stream = exchange.Replies[^1].GetProperty("stream");
        Assert.True(stream.GetProperty("finish").GetBoolean());
        var picture = Assert.Single(stream.GetProperty("msg_item").EnumerateArray()).GetProperty("image");
        Assert.Equal(Chart, picture.GetProperty("base64").GetBytesFromBase64());
        Assert.Equal(Md5.Hex(Chart), picture.GetProperty("md5").GetString());
        Assert.All(exchange.Replies.SkipLast(1), r => Assert.False(r.GetProperty("stream").TryGetProperty("msg_item", out _)));
        var file = Assert.Single(await _bot.MessagesToAsync("media_aibot", 1));
        Assert.Equal(("file", "本周报表.xlsx"), (file.MsgType, file.Media?.FileName));
        Assert.Equal(Workbook, await MediaBytesAsync(file));
    }

    private async Task<byte[]> MediaBytesAsync(CapturedMessage message)
    {
        using var response = await _bot.Emulator.GetAsync("control/media/" + message.Media!.MediaId);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_bot.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static async Task<bool> BecomesTrueAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>Answers the way the report handlers will: the figures in words first, then the chart or the workbook.</summary>
    private sealed class AttachmentEngine : IConversationEngine
    {
        public Task<IReadOnlyList<Reply>> HandleAsync(IncomingMessage message, CancellationToken ct)
        {
            var words = Reply.Markdown("本周漏斗：线索 12，意向 8，成交 3");
            IReadOnlyList<Reply> replies = message.Text switch
            {
                "图" => [words, Reply.Image("funnel.png", Chart, "本周漏斗图")],
                "文件" => [words, Reply.File("本周报表.xlsx", Workbook, "本周报表")],
                "两样" => [words, Reply.Image("funnel.png", Chart, "本周漏斗图"), Reply.File("本周报表.xlsx", Workbook, "本周报表")],
                "大文件" => [words, Reply.File("年度明细.xlsx", new byte[(20 << 20) + 1024], "年度明细")],
                _ => [Reply.Plain("没听懂")],
            };
            return Task.FromResult(replies);
        }
    }
}
