using System.Net.Http.Headers;

namespace Bot.Host.WeCom.Client;

public sealed record UploadedMedia(string MediaId, string Type);

/// <summary>media/upload (wecom-spec.md §7): bytes become a media_id that message/send can name for the next 3 days.</summary>
public sealed class WeComMedia(WeComApiClient wecom)
{
    /// <summary>
    /// One multipart part named "media" with filename and filelength in its Content-Disposition. The boundary goes into
    /// Content-Type unquoted: .NET quotes it by default and WeCom then answers 44001 "empty media data".
    /// </summary>
    public async Task<UploadedMedia> UploadAsync(string type, string fileName, byte[] data, string contentType, CancellationToken ct)
    {
        // The name is shown to the recipient; a quote or line break would end the header early.
        var name = new string([.. fileName.Where(c => !char.IsControl(c) && c is not '"' and not '\\')]);
        var response = await wecom.PostContentAsync($"media/upload?type={Uri.EscapeDataString(type)}", () =>
        {
            var boundary = "----botboundary" + Guid.NewGuid().ToString("N");
            // Part headers in UTF-8, so a Chinese file name reaches WeCom instead of question marks.
            var content = new MultipartFormDataContent(boundary) { HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"media\"; filename=\"{name}\"; filelength={data.Length}");
            content.Add(file);
            return content;
        }, ct);
        return new UploadedMedia(response.Body["media_id"]?.GetValue<string>() ?? "", response.Body["type"]?.GetValue<string>() ?? type);
    }
}
