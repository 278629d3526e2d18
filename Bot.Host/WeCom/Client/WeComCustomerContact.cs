using System.Text.Json.Nodes;

namespace Bot.Host.WeCom.Client;

public sealed record GroupMessageSendStatus(string ExternalUserId, string UserId, int Status);

/// <summary>Typed calls for customer contact: reading group-send results, finding a group send already made.</summary>
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
}
