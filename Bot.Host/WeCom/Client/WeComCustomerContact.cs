using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Bot.Host.WeCom.Client;

public sealed record GroupMessageSendStatus(string ExternalUserId, string UserId, int Status);

public sealed record UploadedMedia(string MediaId, string Type);

/// <summary>Typed calls used outside the outbox: reading group-send results and uploading media.</summary>
public sealed class WeComCustomerContact(WeComApiClient wecom)
{
    /// <summary>Per customer: 0 not sent yet (the rep has not confirmed), 1 sent, 2 not a friend any more, 3 already got another group send.</summary>
    public async Task<IReadOnlyList<GroupMessageSendStatus>> GetGroupMessageSendResultAsync(string msgId, string userId, CancellationToken ct)
    {
        var results = new List<GroupMessageSendStatus>();
        string? cursor = null;
        do
        {
            var body = new JsonObject { ["msgid"] = msgId, ["userid"] = userId, ["limit"] = 500, ["cursor"] = cursor ?? "" };
            var response = await wecom.PostAsync("externalcontact/get_groupmsg_send_result", body, ct);
            foreach (var item in response.Body["send_list"]?.AsArray() ?? [])
            {
                results.Add(new GroupMessageSendStatus(
                    item?["external_userid"]?.GetValue<string>() ?? "", item?["userid"]?.GetValue<string>() ?? userId, item?["status"]?.GetValue<int>() ?? 0));
            }
            cursor = response.Body["next_cursor"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(cursor));
        return results;
    }

    /// <summary>
    /// media/upload. The boundary goes into Content-Type unquoted: .NET quotes it by default and WeCom then
    /// answers 44001 "empty media data".
    /// </summary>
    public async Task<UploadedMedia> UploadAsync(string type, string fileName, byte[] data, string contentType, CancellationToken ct)
    {
        var response = await wecom.PostContentAsync($"media/upload?type={Uri.EscapeDataString(type)}", () =>
        {
            var boundary = "----botboundary" + Guid.NewGuid().ToString("N");
            // Part headers in UTF-8, so a Chinese file name reaches WeCom instead of question marks.
            var content = new MultipartFormDataContent(boundary) { HeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 };
            content.Headers.Remove("Content-Type");
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=" + boundary);
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            file.Headers.TryAddWithoutValidation("Content-Disposition",
                $"form-data; name=\"media\"; filename=\"{fileName}\"; filelength={data.Length}");
            content.Add(file);
            return content;
        }, ct);
        return new UploadedMedia(response.Body["media_id"]?.GetValue<string>() ?? "", response.Body["type"]?.GetValue<string>() ?? type);
    }
}
