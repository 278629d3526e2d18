using System.Net.Http.Headers;
using Bot.Sandbox.Emulator;

namespace Bot.Tests.WeCom.Emulator;

public sealed class MediaUploadTests
{
    [Fact]
    public async Task Upload_QuotedBoundary_Returns44001()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var form = Form();
        Assert.StartsWith("\"", form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value, StringComparison.Ordinal);

        var answer = await Upload(emulator, form);

        Assert.Equal(44001, answer.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task Upload_UnquotedBoundary_ReturnsMediaIdAndCreatedAtAsString()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        using var form = Form();
        var boundary = form.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        form.Headers.Remove("Content-Type");
        form.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);

        var answer = await Upload(emulator, form);

        Assert.Equal(0, answer.GetProperty("errcode").GetInt32());
        Assert.Equal("file", answer.GetProperty("type").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, answer.GetProperty("created_at").ValueKind);
        Assert.Equal(emulator.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(), answer.GetProperty("created_at").GetString());
        var stored = Assert.Single(await emulator.ControlAsync<List<StoredMedia>>("media"));
        Assert.Equal((answer.GetProperty("media_id").GetString(), "报价单.pdf", 12L), (stored.MediaId, stored.FileName, stored.Length));
    }

    private static MultipartFormDataContent Form()
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("%PDF-1.4 abc"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "media", "报价单.pdf");
        return form;
    }

    private static async Task<System.Text.Json.JsonElement> Upload(EmulatorHost emulator, MultipartFormDataContent form)
    {
        using var response = await emulator.Client.PostAsync("cgi-bin/media/upload?type=file&access_token=" + await emulator.TokenAsync(), form);
        return await EmulatorHost.ReadAsync(response);
    }
}
