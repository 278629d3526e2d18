using System.Text.Json.Nodes;
using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Reassignment;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Client;

namespace Bot.Host.Messaging;

/// <summary>
/// change_external_contact callbacks: the WeCom side of customers adding and removing reps. It fetches the
/// customer's WeChat profile, lets <see cref="CustomerContactEvents"/> decide what it means, and queues the
/// welcome message (WeCom allows 20 s and one try per welcome code) and the notices. A transfer that failed
/// (transfer_fail: UserID is the member taking over) goes to <see cref="ContactTransferEvents"/>.
/// </summary>
public sealed class ExternalContactEventProcessor(
    WeComApiClient wecom, CustomerContactEvents events, ContactTransferEvents transfers, Microsoft.Extensions.Options.IOptions<WeComOptions> options,
    ILogger<ExternalContactEventProcessor> logger)
{
    public const string WelcomeKind = "welcome";

    public async Task<IReadOnlyList<OutgoingMessage>> ProcessAsync(InboundMessage message, IReadOnlyDictionary<string, string> fields, CancellationToken ct)
    {
        var repUserId = fields.GetValueOrDefault("UserID", "");
        var externalUserId = fields.GetValueOrDefault("ExternalUserID", "");
        var changeType = fields.GetValueOrDefault("ChangeType", "");
        switch (changeType)
        {
            case "add_external_contact" or "add_half_external_contact":
                var profile = await FetchProfileAsync(externalUserId, ct);
                var added = await events.OnCustomerAddedAsync(repUserId, profile, ct);
                var messages = new List<OutgoingMessage>();
                if (fields.GetValueOrDefault("WelcomeCode") is { Length: > 0 } welcomeCode)
                {
                    var body = new JsonObject { ["welcome_code"] = welcomeCode, ["text"] = new JsonObject { ["content"] = Utf8Text.Truncate(added.WelcomeText, 4000) } };
                    messages.Add(new OutgoingMessage("welcome:" + welcomeCode, "app", externalUserId, WelcomeKind, body.ToJsonString(WeComJson.Options)));
                }
                messages.AddRange(added.Notices.Select((n, i) => AppMessageRenderer.Render(n.ToUserId, n.Reply, $"notice:{message.Id}:{i}")));
                return messages;
            case "del_follow_user":
                var notices = await events.OnCustomerRemovedRepAsync(repUserId, externalUserId, ct);
                return [.. notices.Select((n, i) => AppMessageRenderer.Render(n.ToUserId, n.Reply, $"notice:{message.Id}:{i}"))];
            case "transfer_fail":
                var reason = fields.GetValueOrDefault("FailReason", "");
                var status = reason == "customer_limit_exceed" ? TransferStatus.TakerAtLimit : TransferStatus.Refused;
                var told = await transfers.OnTransferFailedAsync(repUserId, externalUserId, status, reason, ct);
                return [.. told.Select(n => AppMessageRenderer.Render(n.ToUserId, n.Reply, n.Key))];
            case "edit_external_contact":
                var tag = options.Value.CareOptOutTag;
                if (await HasTagAsync(externalUserId, repUserId, tag, ct) && await events.OnOptOutTaggedAsync(externalUserId, tag, ct))
                    logger.LogInformation("Care messages stopped for {External}: tagged {Tag}", externalUserId, tag);
                return [];
            default:
                // del_external_contact (the rep removed the customer) changes nothing on our side;
                // the nightly reconciliation with externalcontact/list keeps the links right.
                logger.LogInformation("External contact {Change} for {Rep} acknowledged", changeType, repUserId);
                return [];
        }
    }

    private async Task<bool> HasTagAsync(string externalUserId, string repUserId, string tag, CancellationToken ct)
    {
        var response = await wecom.GetAsync($"externalcontact/get?external_userid={Uri.EscapeDataString(externalUserId)}", ct);
        return (response.Body["follow_user"]?.AsArray() ?? [])
            .Where(f => f?["userid"]?.GetValue<string>() == repUserId)
            .SelectMany(f => f?["tags"]?.AsArray() ?? [])
            .Any(t => t?["tag_name"]?.GetValue<string>() == tag);
    }

    private async Task<ExternalContactProfile> FetchProfileAsync(string externalUserId, CancellationToken ct)
    {
        var response = await wecom.GetAsync($"externalcontact/get?external_userid={Uri.EscapeDataString(externalUserId)}", ct);
        var contact = response.Body["external_contact"];
        return new ExternalContactProfile(
            externalUserId,
            contact?["name"]?.GetValue<string>() ?? "",
            contact?["corp_full_name"]?.GetValue<string>() is { Length: > 0 } full ? full : contact?["corp_name"]?.GetValue<string>(),
            contact?["position"]?.GetValue<string>());
    }
}
