using Bot.Conversations.Care;
using Bot.Host.WeCom.Client;

namespace Bot.Host.Care;

/// <summary>get_groupmsg_send_result for the care runs; a WeCom that cannot answer now is asked again by the next run.</summary>
public sealed class WeComCareDeliveries(Lazy<WeComCustomerContact> wecom, ILogger<WeComCareDeliveries> logger) : ICareDeliveries
{
    public async Task<IReadOnlyList<CareDelivery>?> ForAsync(string msgId, string repUserId, CancellationToken ct)
    {
        try
        {
            var statuses = await wecom.Value.GetGroupMessageSendResultAsync(msgId, repUserId, ct);
            return [.. statuses.Select(s => new CareDelivery(s.ExternalUserId, s.Status))];
        }
        catch (Exception ex) when (ex is WeComApiException or WeComTransportException)
        {
            logger.LogWarning("Care send result for {MsgId} not read: {Error}", msgId, ex.Message);
            return null;
        }
    }
}
