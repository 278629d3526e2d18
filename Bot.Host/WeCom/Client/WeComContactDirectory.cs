using System.Text.Json.Nodes;
using Bot.Conversations.Customers;

namespace Bot.Host.WeCom.Client;

/// <summary>externalcontact/list and externalcontact/batch/get_by_user (wecom-spec.md §6.1), every page.</summary>
public sealed class WeComContactDirectory(WeComApiClient wecom) : IWeComContactDirectory
{
    private const int PageSize = 100;

    // Reported for a member without any customer; an empty list is the same answer.
    private const int NoExternalContact = 84061;

    // Invalid userid, no privilege on the member, member not found: about this member only, not a failed call.
    private static readonly int[] MemberUnknown = [40003, 60011, 60111];

    public async Task<IReadOnlyList<string>?> CustomersOfAsync(string userId, CancellationToken ct)
    {
        try
        {
            var response = await wecom.GetAsync($"externalcontact/list?userid={Uri.EscapeDataString(userId)}", ct);
            return [.. (response.Body["external_userid"]?.AsArray() ?? []).Select(id => id?.GetValue<string>()).OfType<string>()];
        }
        catch (WeComApiException ex) when (ex.ErrCode == NoExternalContact)
        {
            return [];
        }
        catch (WeComApiException ex) when (MemberUnknown.Contains(ex.ErrCode))
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<FollowedContact>> ProfilesAsync(IReadOnlyList<string> userIds, CancellationToken ct)
    {
        var contacts = new List<FollowedContact>();
        var cursor = "";
        do
        {
            var body = new JsonObject { ["userid_list"] = new JsonArray([.. userIds.Select(id => JsonValue.Create(id))]), ["cursor"] = cursor, ["limit"] = PageSize };
            var response = await wecom.PostAsync("externalcontact/batch/get_by_user", body, ct);
            foreach (var item in response.Body["external_contact_list"]?.AsArray() ?? [])
            {
                var contact = item?["external_contact"];
                var userId = item?["follow_info"]?["userid"]?.GetValue<string>();
                if (contact?["external_userid"]?.GetValue<string>() is not { Length: > 0 } externalUserId || userId is null)
                    continue;
                contacts.Add(new FollowedContact(userId, new ExternalContactProfile(
                    externalUserId,
                    contact["name"]?.GetValue<string>() ?? "",
                    contact["corp_full_name"]?.GetValue<string>() is { Length: > 0 } full ? full : contact["corp_name"]?.GetValue<string>(),
                    contact["position"]?.GetValue<string>())));
            }
            cursor = response.Body["next_cursor"]?.GetValue<string>() ?? "";
        }
        while (cursor.Length > 0);
        return contacts;
    }
}
