using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Bot.Host.WeCom.Client;

public sealed record GroupMessageSendStatus(string ExternalUserId, string UserId, int Status);

public sealed record UploadedMedia(string MediaId, string Type);

/// <summary>Typed calls used outside the outbox: reading group-send results and uploading media.</summary>
public sealed class WeComCustomerContact(WeComApiClient wecom, TimeProvider clock)
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
    /// The msgid of a single-customer group send <paramref name="sender"/> created within <paramref name="lookBack"/> with
    /// exactly this text for this customer (get_groupmsg_list_v2, then get_groupmsg_send_result); null when none.
    /// </summary>
    public async Task<string?> FindGroupSendAsync(string sender, string externalUserId, string text, TimeSpan lookBack, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = now - lookBack;
        string? cursor = null;
        do
        {
            var body = new JsonObject
            {
                ["chat_type"] = "single", ["start_time"] = since.AddMinutes(-1).ToUnixTimeSeconds(), ["end_time"] = now.AddMinutes(1).ToUnixTimeSeconds(),
                ["creator"] = sender, ["filter_type"] = 2, ["limit"] = 100, ["cursor"] = cursor ?? "",
            };
            var response = await wecom.PostAsync("externalcontact/get_groupmsg_list_v2", body, ct);
            foreach (var message in response.Body["group_msg_list"]?.AsArray() ?? [])
            {
                if (message?["text"]?["content"]?.GetValue<string>() != text || message["msgid"]?.GetValue<string>() is not { } msgId)
                    continue;
                var sent = await GetGroupMessageSendResultAsync(msgId, sender, ct);
                if (sent.Any(s => s.ExternalUserId == externalUserId))
                    return msgId;
            }
            cursor = response.Body["next_cursor"]?.GetValue<string>();
        }
        while (!string.IsNullOrEmpty(cursor));
        return null;
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
