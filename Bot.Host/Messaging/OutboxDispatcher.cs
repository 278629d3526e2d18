using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Conversations.Care;
using Bot.Conversations.Pipeline;
using Bot.Host.Care;
using Bot.Host.Telemetry;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Client;
using Microsoft.Extensions.Options;

namespace Bot.Host.Messaging;

/// <summary>
/// The only code that sends to WeCom. Several loops per process (and several processes) claim due outbox rows
/// with SKIP LOCKED; each row is sent, recorded with WeCom's msgid, retried with backoff on transient
/// failures, or parked after too many. Our own per-recipient limit keeps WeCom from silently dropping messages.
/// A picture or file is uploaded afresh on every attempt and then sent; one beyond WeCom's size limits is parked unsent.
/// </summary>
public sealed class OutboxDispatcher(
    IOutbox outbox, WeComApiClient wecom, WeComMedia media, WeComCustomerContact customerContact, IRateLimiter limits, IOptions<WeComOptions> options,
    IOptions<InboundWorkerOptions> host,
    IOptions<CareOptions> care, TimeProvider clock, IHostApplicationLifetime lifetime, OutageLog outages, BotMetrics metrics, Bot.Conversations.ConversationMetrics careCounts,
    ILogger<OutboxDispatcher> logger) : DrainingService
{
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(200);

    // Retries come within minutes (leases, backoff capped at 5 minutes); a day of the sender's group sends covers them.
    private static readonly TimeSpan RetryLookBack = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sending waits for the server to listen: in sandbox mode WeCom is the emulator inside this very host.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await ReleaseOwnLeasesAsync(stoppingToken);
        await Task.WhenAll(Enumerable.Range(0, options.Value.Outbox.Dispatchers).Select(_ => LoopAsync(stoppingToken)));
    }

    /// <summary>A member whose reply was in this host's hands when it died is not kept waiting for the lease to run out.</summary>
    private async Task ReleaseOwnLeasesAsync(CancellationToken ct)
    {
        try
        {
            if (await outbox.ReleaseOwnAsync(host.Value.HostId, ct) is var released and > 0)
                logger.LogWarning("Took back {Count} outbox messages this host ({Host}) was sending when it stopped", released, host.Value.HostId);
        }
        catch (Exception ex) when (OutageLog.IsOutage(ex))
        {
            // Storage down at start: the leases run out on their own.
            outages.Report("outbox dispatcher", ex);
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var lease = TimeSpan.FromSeconds(options.Value.Outbox.LeaseSeconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var batch = await outbox.ClaimDueAsync(8, lease, host.Value.HostId, ct);
                for (var i = 0; i < batch.Count; i++)
                {
                    var row = batch[i];
                    if (ct.IsCancellationRequested)
                    {
                        await outbox.ReturnUnsentAsync([.. batch.Skip(i).Select(r => r.Id)], ShutdownTimedOut);
                        return;
                    }
                    if (!await outbox.RenewAsync(row.Id, row.Attempts, lease, ShutdownTimedOut))
                        continue;
                    using var span = BotActivities.StartFrom("outbox.send", row.TraceParent, ActivityKind.Producer)?
                        .SetTag("bot.outbox.id", row.Id).SetTag("bot.outbox.kind", row.Kind).SetTag("bot.outbox.attempt", row.Attempts);
                    await DispatchAsync(row, ShutdownTimedOut);
                }
                if (batch.Count == 0)
                    await Task.Delay(Idle, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (!outages.TryReport("outbox dispatcher", ex))
                    logger.LogError(ex, "Outbox loop failed; pausing");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task DispatchAsync(OutboxRow row, CancellationToken ct)
    {
        var o = options.Value;
        // The checks before sending are inside the try too: with Redis (the budgets) or WeCom (the greeting lookup)
        // unreachable, the row is released with its error and backed off, not left in "sending" until its lease ends.
        try
        {
            if (!await ReadyToSendAsync(row, ct))
                return;
            var response = await TimedSendAsync(row, ct);
            if (row.Kind == CareMessages.GroupSendKind)
                careCounts.CareGreetings("sent", 1);
            await outbox.MarkSentAsync(row.Id, response.Body["msgid"]?.ToString(), ct);
        }
        catch (MediaRefusedException ex)
        {
            logger.LogWarning("Outbox {Id} parked without sending: {Refusal}", row.Id, ex.Message);
            await outbox.ParkAsync(row.Id, ex.Message, ct);
        }
        catch (WeComApiException ex) when (WeComErrors.IsTransient(ex.ErrCode) && row.Attempts < o.Outbox.MaxAttempts)
        {
            var wait = WeComErrors.IsRateLimit(ex.ErrCode) ? TimeSpan.FromSeconds(60) : Backoff(row.Attempts);
            await outbox.RetryLaterAsync(row.Id, ex.Message, wait, ct);
        }
        catch (WeComTransportException ex) when (row.Attempts < o.Outbox.MaxAttempts)
        {
            await outbox.RetryLaterAsync(row.Id, ex.Message, Backoff(row.Attempts), ct);
        }
        catch (Exception ex) when (ex is WeComApiException or WeComTransportException or System.Text.Json.JsonException)
        {
            logger.LogWarning("Outbox {Id} parked after {Attempts} attempts: {Error}", row.Id, row.Attempts, ex.Message);
            await outbox.ParkAsync(row.Id, ex.Message, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Anything else (a failure of ours before WeCom was reached, Redis down) still counts: recorded, backed off,
            // parked at the limit; an outage also gets its warning line per interval.
            outages.TryReport("outbox dispatcher", ex);
            var error = ex.GetType().Name + ": " + ex.Message;
            if (row.Attempts < o.Outbox.MaxAttempts)
                await outbox.RetryLaterAsync(row.Id, error, Backoff(row.Attempts), ct);
            else
                await outbox.ParkAsync(row.Id, error, ct);
        }
    }

    /// <summary>False when the row was held instead: a per-minute budget spent, the care window closed, or already in WeCom.</summary>
    private async Task<bool> ReadyToSendAsync(OutboxRow row, CancellationToken ct)
    {
        var o = options.Value;
        if (row.Kind == CareMessages.GroupSendKind)
            return await ReadyForGroupSendAsync(row, ct);
        if (row.Kind is not (AppMessageRenderer.Kind or AppMessageRenderer.MediaKind))
            return true;
        foreach (var (scope, perMinute) in new[] { ("to:" + row.Recipient, o.Outbox.PerRecipientPerMinute), ("app:" + o.AgentId, o.Outbox.PerAppPerMinute) })
        {
            var (allowed, retryAt) = await limits.TryTakeAsync(scope, perMinute);
            if (!allowed)
            {
                await outbox.DeferAsync(row.Id, retryAt, scope.StartsWith("to:", StringComparison.Ordinal)
                    ? $"每位成员每分钟最多 {perMinute} 条，稍后再发" : $"应用每分钟最多发 {perMinute} 条，稍后再发", ct);
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// A greeting goes to WeCom only in the daytime window and within the corp's add_msg_template budget. One that was
    /// tried before may already be in WeCom (the host died after WeCom answered, or the answer timed out), and
    /// add_msg_template has no idempotency key, so WeCom is asked first: a match is recorded, not sent again.
    /// </summary>
    private async Task<bool> ReadyForGroupSendAsync(OutboxRow row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = care.Value.Window;
        if (!window.IsOpen(now))
        {
            await outbox.DeferAsync(row.Id, window.NextOpening(now), $"客户祝福只在 {care.Value.SendFromHour:00}:00–{care.Value.SendUntilHour:00}:00 发送，到点再发", ct);
            return false;
        }
        var (allowed, retryAt) = await limits.TryTakeSmoothedAsync("groupsend:" + options.Value.CorpId, options.Value.Outbox.GroupSendPerMinute);
        if (!allowed)
        {
            await outbox.DeferAsync(row.Id, retryAt, $"企业群发每分钟额度 {options.Value.Outbox.GroupSendPerMinute} 次已用完，稍后再发", ct);
            return false;
        }
        if (row.Attempts <= 1)
            return true;
        var body = JsonNode.Parse(row.Payload)!.AsObject();
        var existing = await customerContact.FindGroupSendAsync(
            body["sender"]!.GetValue<string>(), row.Recipient, body["text"]?["content"]?.GetValue<string>() ?? "",
            RetryLookBack, ct);
        if (existing is null)
            return true;
        logger.LogInformation("Outbox {Id}: group send already in WeCom as {MsgId}, not sent again", row.Id, existing);
        await outbox.MarkSentAsync(row.Id, existing, ct);
        return false;
    }

    private async Task<WeComResponse> TimedSendAsync(OutboxRow row, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            var response = await SendAsync(row, ct);
            succeeded = true;
            return response;
        }
        finally
        {
            metrics.OutboxSent(row.Kind, succeeded, Stopwatch.GetElapsedTime(started));
        }
    }

    private Task<WeComResponse> SendAsync(OutboxRow row, CancellationToken ct)
    {
        if (row.Kind == AppMessageRenderer.MediaKind)
            return SendMediaAsync(AppMedia.FromPayload(row.Payload), ct);
        var body = JsonNode.Parse(row.Payload)!.AsObject();
        var path = row.Kind switch
        {
            AppMessageRenderer.Kind => "message/send",
            AppMessageRenderer.UpdateCardKind => "message/update_template_card",
            ExternalContactEventProcessor.WelcomeKind => "externalcontact/send_welcome_msg",
            CareMessages.GroupSendKind => "externalcontact/add_msg_template",
            _ => throw new WeComApiException(0, $"unknown outbox kind '{row.Kind}'"),
        };
        if (row.Kind is AppMessageRenderer.Kind or AppMessageRenderer.UpdateCardKind)
            body["agentid"] = options.Value.AgentId;
        return wecom.PostAsync(path, body, ct);
    }

    /// <summary>
    /// media/upload, then message/send with the new media_id. Uploading on every attempt means the id named is never older
    /// than WeCom's 3 days, whenever a retry or a restart comes.
    /// </summary>
    private async Task<WeComResponse> SendMediaAsync(AppMedia message, CancellationToken ct)
    {
        if (message.Refusal is { } refusal)
            throw new MediaRefusedException(refusal);
        var uploaded = await media.UploadAsync(message.MsgType, message.FileName, message.Content, message.ContentType, ct);
        var body = message.MessageBody(uploaded.MediaId);
        body["agentid"] = options.Value.AgentId;
        return await wecom.PostAsync("message/send", body, ct);
    }

    /// <summary>1 s, 2 s, 4 s … capped at 5 minutes, with jitter so a burst of failures does not retry in lockstep.</summary>
    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(300, Math.Pow(2, Math.Max(0, attempts - 1)));
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }
}
