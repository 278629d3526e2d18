using System.Net.Http.Headers;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;

namespace Bot.Tests.WeCom.Emulator;

public sealed class MediaUploadTests
{
    [Fact]
    public async Task Upload_QuotedBoundary_Returns44001()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var form = Form("报价单.pdf", "%PDF-1.4 abc"u8.ToArray());
        Assert.StartsWith("\"", form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value, StringComparison.Ordinal);

        var answer = await UploadAsync(emulator, form, "file");

        Assert.Equal(44001, answer.GetProperty("errcode").GetInt32());
        Assert.Empty(await emulator.ControlAsync<List<StoredMedia>>("media"));
    }

    [Fact]
    public async Task Upload_UnquotedBoundary_ReturnsMediaIdAndCreatedAtAsString()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var form = Unquoted(Form("报价单.pdf", "%PDF-1.4 abc"u8.ToArray()));

        var answer = await UploadAsync(emulator, form, "file");

        Assert.Equal(0, answer.GetProperty("errcode").GetInt32());
        Assert.Equal("file", answer.GetProperty("type").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, answer.GetProperty("created_at").ValueKind);
        Assert.Equal(emulator.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), answer.GetProperty("created_at").GetString());
        var stored = Assert.Single(await emulator.ControlAsync<List<StoredMedia>>("media"));
        Assert.Equal((answer.GetProperty("media_id").GetString(), "报价单.pdf", 12L), (stored.MediaId, stored.FileName, stored.Length));
    }

    [Fact]
    public async Task Upload_NoMediaPart_Returns44001()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(TestPng.Create(4, 4)), "file", "chart.png");

        var answer = await UploadAsync(emulator, Unquoted(form), "image");

        Assert.Equal(44001, answer.GetProperty("errcode").GetInt32());
    }

    [Theory]
    [InlineData("picture", "chart.png", 40004)]
    [InlineData("image", "chart.gif", 40005)]
    [InlineData("file", "tiny.txt", 40006)]
    public async Task Upload_WrongTypeOrContent_RefusedWithWeComsCode(string type, string fileName, int errcode)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var content = fileName == "tiny.txt" ? "12345"u8.ToArray() : "GIF89a not a png or jpg"u8.ToArray();
        using var form = Unquoted(Form(fileName, content));

        var answer = await UploadAsync(emulator, form, type);

        Assert.Equal(errcode, answer.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Upload_ImageOver10MB_Returns45001()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var content = TestPng.Create(8, 8).Concat(new byte[10 << 20]).ToArray();
        using var form = Unquoted(Form("huge.png", content));

        var answer = await UploadAsync(emulator, form, "image");

        Assert.Equal(45001, answer.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task SendImage_UploadedPicture_DeliveredWithItsBytes()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var png = TestPng.Create(40, 30);
        var mediaId = await UploadedAsync(emulator, "image", "漏斗.png", png);

        var answer = await SendAsync(emulator, "rep1", "image", mediaId);

        Assert.Equal(0, answer.GetProperty("errcode").GetInt32());
        var message = Assert.Single(await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=rep1"));
        Assert.Equal(("image", mediaId, "漏斗.png"), (message.MsgType, message.Media?.MediaId, message.Media?.FileName));
        using var bytes = await emulator.Client.GetAsync("control/media/" + mediaId);
        Assert.Equal("image/png", bytes.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await bytes.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task SendImage_UnknownOrWrongTypeMediaId_Returns40007()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var fileId = await UploadedAsync(emulator, "file", "清单.txt", "客户清单：星辰网络"u8.ToArray());

        Assert.Equal(40007, (await SendAsync(emulator, "rep1", "image", "3nosuchmedia")).GetProperty("errcode").GetInt32());
        Assert.Equal(40007, (await SendAsync(emulator, "rep1", "image", fileId)).GetProperty("errcode").GetInt32());
        Assert.Empty(await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=rep1"));
    }

    [Fact]
    public async Task SendFile_MediaIdOlderThanThreeDays_Returns40007()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var mediaId = await UploadedAsync(emulator, "file", "清单.txt", "客户清单：星辰网络"u8.ToArray());
        emulator.Clock.Advance(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await SendAsync(emulator, "rep1", "file", mediaId)).GetProperty("errcode").GetInt32());

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(40007, (await SendAsync(emulator, "rep1", "file", mediaId)).GetProperty("errcode").GetInt32());
    }

    private static MultipartFormDataContent Form(string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "media", fileName);
        return form;
    }

    /// <summary>The boundary as WeCom wants it: .NET quotes it, so the header is replaced.</summary>
    private static MultipartFormDataContent Unquoted(MultipartFormDataContent form)
    {
        var boundary = form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        form.Headers.Remove("Content-Type");
        form.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
        return form;
    }

    private static async Task<System.Text.Json.JsonElement> UploadAsync(EmulatorHost emulator, MultipartFormDataContent form, string type)
    {
        using var response = await emulator.Client.PostAsync($"cgi-bin/media/upload?type={type}&access_token=" + await emulator.TokenAsync(), form);
        return await EmulatorHost.ReadAsync(response);
    }

    private static async Task<string> UploadedAsync(EmulatorHost emulator, string type, string fileName, byte[] content)
    {
        using var form = Unquoted(Form(fileName, content));
        var answer = await UploadAsync(emulator, form, type);
        Assert.Equal(0, answer.GetProperty("errcode").GetInt32());
        return answer.GetProperty("media_id").GetString()!;
    }

    private static async Task<System.Text.Json.JsonElement> SendAsync(EmulatorHost emulator, string toUser, string msgType, string mediaId) =>
        await emulator.PostAsync("cgi-bin/message/send?access_token=" + await emulator.TokenAsync(), new Dictionary<string, object>
        {
            ["touser"] = toUser,
            ["msgtype"] = msgType,
            ["agentid"] = EmulatorHost.AgentId,
            [msgType] = new { media_id = mediaId },
        });
}
