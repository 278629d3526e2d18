using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Transactions;
using Bot.Conversations.Pipeline;
using Bot.Host.Telemetry;
using Bot.Host.WeCom;

namespace Bot.Host.Messaging;

/// <summary>
/// Drains the durable inbox: claims stored callbacks, turns them into <see cref="IncomingMessage"/>s for the
/// conversation engine, and queues the answers — in the outbox for the app, in the stream store for the AI bot (whose
/// files still go through the outbox, as app messages).
/// </summary>
public sealed class InboundWorker(
    IInbox inbox, InboundSignal signal, IConversationEngine engine, IStreamReplies streams, ExternalContactEventProcessor externalContacts,
    Microsoft.Extensions.Options.IOptions<InboundWorkerOptions> options, TimeProvider clock, OutageLog outages, BotMetrics metrics, ILogger<InboundWorker> logger) : DrainingService
{
    public const string VoiceHint = "收到语音了，不过应用里的语音我听不到文字。可以直接打字，或在「销售助手」智能机器人里发语音，它会自动转成文字。";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        // System.Transactions commits synchronously, so each message in flight may hold a pool thread while PostgreSQL
        // commits; without headroom the pool grows by about two threads a second and every callback waits meanwhile.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount + 2 * o.Parallelism), io);
        await ReleaseOwnLeasesAsync(o.HostId, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<InboundMessage> batch;
            try
            {
                batch = await inbox.ClaimAsync(o.BatchSize, TimeSpan.FromSeconds(o.LeaseSeconds), o.HostId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (!outages.TryReport("inbound worker", ex))
                    logger.LogError(ex, "Could not claim inbound messages");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                continue;
            }
            if (batch.Count == 0)
            {
                await signal.WaitAsync(TimeSpan.FromMilliseconds(o.PollMilliseconds), stoppingToken);
                continue;
            }
            await DrainAsync(batch, o, stoppingToken);
        }
    }

    /// <summary>
    /// Handles a claimed batch. Once the host is stopping no further message of it is started, and those not started go
    /// back to the queue as they were, so the next host to start takes them at once and no attempt is spent on them.
    /// </summary>
    private async Task DrainAsync(IReadOnlyList<InboundMessage> batch, InboundWorkerOptions o, CancellationToken stoppingToken)
    {
        var unstarted = new System.Collections.Concurrent.ConcurrentBag<long>();
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = ShutdownTimedOut }, async (message, ct) =>
        {
            if (stoppingToken.IsCancellationRequested)
                unstarted.Add(message.Id);
            else
                await ProcessAsync(message, ct);
        });
        if (unstarted.IsEmpty)
            return;
        try
        {
            var returned = await inbox.ReturnUnstartedAsync([.. unstarted], o.HostId, ShutdownTimedOut);
            logger.LogInformation("Stopping: returned {Count} claimed inbound messages to the queue unstarted", returned);
        }
        catch (Exception ex) when (OutageLog.IsOutage(ex) || ex is OperationCanceledException)
        {
            // Their leases run out on their own.
            outages.TryReport("inbound worker", ex);
        }
    }

    /// <summary>A sender whose message was in this host's hands when it died is not kept waiting for the lease to run out.</summary>
    private async Task ReleaseOwnLeasesAsync(string host, CancellationToken ct)
    {
        try
        {
            if (await inbox.ReleaseOwnAsync(host, ct) is var released and > 0)
                logger.LogWarning("Took back {Count} inbound messages this host ({Host}) was processing when it stopped", released, host);
        }
        catch (Exception ex) when (OutageLog.IsOutage(ex))
        {
            // Storage down at start: the leases run out on their own.
            outages.Report("inbound worker", ex);
        }
    }

    /// <summary>
    /// One message, exactly once: everything it changes — records, reminders, dialog state, queued replies and the
    /// message's own "done" — commits in one PostgreSQL transaction or not at all, and a failure anywhere leaves the
    /// message to be handled again from scratch — the AI bot's streamed answer included.
    /// </summary>
    private async ValueTask ProcessAsync(InboundMessage message, CancellationToken ct)
    {
        using var span = BotActivities.StartFrom("inbound.process", message.TraceParent)?
            .SetTag(BotActivities.MsgIdTag, Bot.Host.WeCom.Callback.InboundKeys.MsgIdOf(message.MessageKey)).SetTag("bot.inbound.id", message.Id).SetTag("bot.inbound.attempt", message.Attempts);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (var transaction = new TransactionScope(TransactionScopeOption.Required,
                new TransactionOptions { IsolationLevel = IsolationLevel.ReadCommitted, Timeout = TimeSpan.FromSeconds(options.Value.LeaseSeconds) },
                TransactionScopeAsyncFlowOption.Enabled))
            {
                if (!await inbox.HoldAsync(message.Id, message.Attempts, ct))
                {
                    logger.LogWarning("Inbound {Id}: attempt {Attempt} was overtaken by a later one; leaving it to that", message.Id, message.Attempts);
                    return;
                }
                var replies = message.Channel == "aibot" ? await ProcessAiBotAsync(message, ct) : await ProcessAppAsync(message, ct);
                await inbox.CompleteAsync(message.Id, replies, ct);
                transaction.Complete();
            }
            metrics.InboundHandled(message.Channel, true, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            metrics.InboundHandled(message.Channel, false, Stopwatch.GetElapsedTime(started));
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            if (!outages.TryReport("inbound worker", ex))
                logger.LogError(ex, "Inbound message {Id} failed (attempt {Attempt})", message.Id, message.Attempts);
            try
            {
                await inbox.FailAsync(message.Id, ex.Message, options.Value.MaxAttempts, TimeSpan.FromSeconds(5 * message.Attempts), ct);
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                // Storage is down: the lease runs out and the message is claimed again.
                outages.TryReport("inbound worker", failed);
            }
        }
    }

    private async Task<IReadOnlyList<OutgoingMessage>> ProcessAppAsync(InboundMessage message, CancellationToken ct)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(message.Payload) ?? [];
        if (fields.GetValueOrDefault("Event") == "change_external_contact")
            return await externalContacts.ProcessAsync(message, fields, ct);
        var incoming = AppMessages.ToIncoming(message, fields, clock);
        IReadOnlyList<Reply> replies = incoming switch
        {
            null when message.MsgType == "voice" => [Reply.Plain(VoiceHint)],
            null => [],
            _ => await engine.HandleAsync(incoming, ct),
        };
        if (incoming is null && message.MsgType != "voice")
            logger.LogInformation("Inbound {Id}: {Type} acknowledged, nothing to do", message.Id, AppMessages.Describe(fields));
        var outgoing = replies.Select((reply, i) => AppMessageRenderer.Render(message.FromUser, reply, $"reply:{message.Id}:{i}")).ToList();
        // A clicked card button greys out, so the same reminder cannot be completed twice from the card.
        if (incoming?.Kind == MessageKind.ButtonClick && fields.GetValueOrDefault("ResponseCode") is { Length: > 0 } responseCode)
            outgoing.Add(AppMessageRenderer.ButtonDone(message.FromUser, responseCode));
        return outgoing;
    }

    /// <summary>The streamed answer, and what the stream cannot carry (a file) as app messages to the same member.</summary>
    private async Task<IReadOnlyList<OutgoingMessage>> ProcessAiBotAsync(InboundMessage message, CancellationToken ct)
    {
        var stored = JsonNode.Parse(message.Payload)!;
        var incoming = AiBotMessages.ToIncoming(message, stored["message"]!, clock);
        var answer = AiBotStreamRenderer.Render(await engine.HandleAsync(incoming, ct));
        if (answer.ImagesLeftOut > 0)
            logger.LogWarning("Inbound {Id}: {Count} picture(s) over 10 MB left out of the AI bot's answer", message.Id, answer.ImagesLeftOut);
        await streams.SetAsync(stored["stream_id"]!.GetValue<string>(), answer.Stream);
        return [.. answer.ViaApp.Select((reply, i) => AppMessageRenderer.Render(message.FromUser, reply, $"reply:{message.Id}:{i}"))];
    }
}
