using System.Text.Json.Nodes;
using Bot.Conversations.Reassignment;

namespace Bot.Host.WeCom.Client;

/// <summary>
/// WeCom's transfer of customers between members (客户联系 → 在职继承 / 离职继承), through its current endpoints; the older
/// externalcontact/transfer and get_transfer_result are no longer maintained. What this relies on (docs 92125 and 94081
/// with the transfer_result pages beside them, the global error codes of doc 90455, and the developer forum where noted):
/// <list type="bullet">
/// <item>A serving member: POST externalcontact/transfer_customer {handover_userid, takeover_userid, external_userid[],
/// transfer_success_msg}; the message (at most 200 characters, WeCom's own text when absent) is what the customer
/// reads once taken over. A member who left: POST externalcontact/resigned/transfer_customer, the same without the
/// message; handover_userid must have left (40097 otherwise).</item>
/// <item>At most 100 accounts per request; each must be the handover member's customer. The request answers errcode 0
/// with customer[{external_userid, errcode}]: 0 means the transfer started and the customer is taken over automatically
/// after 24 hours unless they refuse — not that it succeeded. Per account: 40096 invalid external userid, 40128 transferred
/// too often (a serving member's customer at most twice in 90 days), 40129 already being transferred, 40131 not the
/// handover member's customer. 41035 (no external_userid) and 40130 (handover = takeover) refuse the whole request.</item>
/// <item>POST externalcontact/transfer_result or resigned/transfer_result {handover_userid, takeover_userid, cursor}
/// answers customer[{external_userid, status, takeover_time}] (status 1 taken over, 2 waiting — takeover_time is then
/// when it will be, 3 refused by the customer, 4 the taker has reached their customer limit, 5 no transfer record),
/// at most 1000 a page, with next_cursor.</item>
/// <item>A failed transfer also arrives as change_external_contact with ChangeType transfer_fail, FailReason
/// customer_refused or customer_limit_exceed, and UserID the member taking over (WeCom staff on the forum, 2021).</item>
/// </list>
/// </summary>
public sealed class WeComContactTransfers(WeComApiClient wecom) : IContactTransferChannel
{
    private const int SuccessMessageLimit = 200;

    private const int AlreadyTransferring = 40129;

    public async Task<TransferRequestAnswer> StartAsync(TransferBatch batch, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["handover_userid"] = batch.Pair.HandoverUserId,
            ["takeover_userid"] = batch.Pair.TakeoverUserId,
            ["external_userid"] = new JsonArray([.. batch.ExternalUserIds.Select(id => JsonValue.Create(id))]),
        };
        if (!batch.Pair.Resigned && batch.SuccessMessage is { } message)
            body["transfer_success_msg"] = message.Length <= SuccessMessageLimit ? message : message[..SuccessMessageLimit];
        try
        {
            var response = await wecom.PostAsync(batch.Pair.Resigned ? "externalcontact/resigned/transfer_customer" : "externalcontact/transfer_customer", body, ct);
            var perAccount = new Dictionary<string, int>();
            foreach (var item in response.Body["customer"]?.AsArray() ?? [])
            {
                if (item?["external_userid"]?.GetValue<string>() is { } id)
                    perAccount[id] = item["errcode"]?.GetValue<int>() ?? 0;
            }
            // The client sends a request again when the connection broke, and the first may have arrived: an account
            // already waiting to go to the same member is this transfer, started.
            if (perAccount.ContainsValue(AlreadyTransferring))
            {
                var waiting = (await StatesAsync(batch.Pair, ct)).Where(s => s.Status == TransferStatus.Waiting).Select(s => s.ExternalUserId).ToHashSet();
                foreach (var id in perAccount.Where(a => a.Value == AlreadyTransferring && waiting.Contains(a.Key)).Select(a => a.Key).ToList())
                    perAccount[id] = 0;
            }
            return new TransferRequestAnswer(0, perAccount);
        }
        catch (WeComApiException ex) when (!WeComErrors.IsTransient(ex.ErrCode))
        {
            return new TransferRequestAnswer(ex.ErrCode, new Dictionary<string, int>());
        }
    }

    public async Task<IReadOnlyList<TransferState>> StatesAsync(TransferPair pair, CancellationToken ct)
    {
        var states = new List<TransferState>();
        var cursor = "";
        do
        {
            var body = new JsonObject { ["handover_userid"] = pair.HandoverUserId, ["takeover_userid"] = pair.TakeoverUserId, ["cursor"] = cursor };
            var response = await wecom.PostAsync(pair.Resigned ? "externalcontact/resigned/transfer_result" : "externalcontact/transfer_result", body, ct);
            foreach (var item in response.Body["customer"]?.AsArray() ?? [])
            {
                var status = item?["status"]?.GetValue<int>() ?? 0;
                if (item?["external_userid"]?.GetValue<string>() is not { } id || status is < 1 or > 5)
                    continue;
                var at = item["takeover_time"]?.GetValue<long>() ?? 0;
                states.Add(new TransferState(id, (TransferStatus)status, at > 0 ? DateTimeOffset.FromUnixTimeSeconds(at) : null));
            }
            cursor = response.Body["next_cursor"]?.GetValue<string>() ?? "";
        }
        while (cursor.Length > 0);
        return states;
    }
}
