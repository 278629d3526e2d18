using System.Diagnostics.Metrics;
using Bot.Conversations;
using Bot.Conversations.Pipeline;

namespace Bot.Host.Telemetry;

/// <summary>
/// The host's product metrics on the "Bot" meter (the conversations add theirs to the same meter). Recording is a
/// no-op until something listens, so the hooks stay in place whether or not /metrics is on.
/// </summary>
public sealed class BotMetrics
{
    // Seconds: a message handled in milliseconds, a model call or a slow WeCom send in seconds.
    private static readonly InstrumentAdvice<double> Latency = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    // Scrapes come every few seconds from every Prometheus that watches us; the database answers once per this.
    private static readonly TimeSpan DepthCacheFor = TimeSpan.FromSeconds(5);

    private readonly Histogram<double> _inboundDuration;
    private readonly Histogram<double> _outboxSendDuration;
    private readonly Counter<long> _wecomErrors;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _modelCalls;
    private readonly Histogram<double> _modelDuration;
    private readonly Counter<long> _modelTokens;
    private readonly IQueueDepths _depths;
    private readonly ILogger<BotMetrics> _logger;
    private readonly Lock _depthLock = new();
    private (QueueDepth? Value, DateTime ReadAt) _depth;

    public BotMetrics(IMeterFactory meters, IQueueDepths depths, ILogger<BotMetrics> logger)
    {
        _depths = depths;
        _logger = logger;
        var meter = meters.Create(ConversationMetrics.MeterName);
        _inboundDuration = meter.CreateHistogram("bot.inbound.processing.duration", "s", "Handling one stored message, claim to commit.", advice: Latency);
        _outboxSendDuration = meter.CreateHistogram("bot.outbox.send.duration", "s", "One outbox row's call to WeCom.", advice: Latency);
        _wecomErrors = meter.CreateCounter<long>("bot.wecom.errors", "{error}", "Non-zero errcodes WeCom answered, by API.");
        _tokenRefreshes = meter.CreateCounter<long>("bot.wecom.token.refreshes", "{refresh}", "access_token fetches from WeCom.");
        _jobRuns = meter.CreateCounter<long>("bot.jobs.runs", "{run}", "Scheduled job runs by outcome.");
        _modelCalls = meter.CreateCounter<long>("bot.model.calls", "{call}", "Requests to the language model.");
        _modelDuration = meter.CreateHistogram("bot.model.duration", "s", "One request to the language model.", advice: Latency);
        _modelTokens = meter.CreateCounter<long>("bot.model.tokens", "{token}", "Tokens the model reported, input and output.");
        meter.CreateObservableGauge("bot.inbound.backlog", () => Depth(d => d.InboundBacklog), "{message}", "Stored messages not yet handled.");
        meter.CreateObservableGauge("bot.inbound.oldest_age", () => Depth(d => d.InboundOldestAgeSeconds), "s", "Age of the oldest message not yet handled.");
        meter.CreateObservableGauge("bot.outbox.waiting", () => Depth(d => d.OutboxWaiting), "{message}", "Outbox rows waiting to be sent or being sent.");
        meter.CreateObservableGauge("bot.outbox.parked", () => Depth(d => d.OutboxParked), "{message}", "Outbox rows given up on, waiting for a person.");
    }

    public void InboundHandled(string channel, bool succeeded, TimeSpan elapsed) =>
        _inboundDuration.Record(elapsed.TotalSeconds, Tag("channel", channel), Outcome(succeeded));

    public void OutboxSent(string kind, bool succeeded, TimeSpan elapsed) =>
        _outboxSendDuration.Record(elapsed.TotalSeconds, Tag("kind", kind), Outcome(succeeded));

    /// <param name="api">The path under cgi-bin/ without its query (which may carry ids).</param>
    public void WeComError(string api, int errCode) =>
        _wecomErrors.Add(1, Tag("api", api.Split('?', 2)[0]), Tag("errcode", errCode));

    public void TokenRefreshed(bool succeeded) => _tokenRefreshes.Add(1, Outcome(succeeded));

    public void JobRan(string job, bool succeeded) => _jobRuns.Add(1, Tag("job", job), Outcome(succeeded));

    public void ModelCalled(bool succeeded, TimeSpan elapsed, long? inputTokens, long? outputTokens)
    {
        _modelCalls.Add(1, Outcome(succeeded));
        _modelDuration.Record(elapsed.TotalSeconds, Outcome(succeeded));
        _modelTokens.Add(inputTokens ?? 0, Tag("direction", "input"));
        _modelTokens.Add(outputTokens ?? 0, Tag("direction", "output"));
    }

    private static KeyValuePair<string, object?> Tag(string name, object value) => new(name, value);

    private static KeyValuePair<string, object?> Outcome(bool succeeded) => Tag("outcome", succeeded ? "ok" : "failed");

    /// <summary>No measurement while the database cannot be read: a gap in the graph, never a made-up zero.</summary>
    private IEnumerable<Measurement<T>> Depth<T>(Func<QueueDepth, T> pick) where T : struct
    {
        lock (_depthLock)
        {
            if (DateTime.UtcNow - _depth.ReadAt >= DepthCacheFor)
            {
                try
                {
                    _depth = (_depths.Read(), DateTime.UtcNow);
                }
                catch (Exception ex)
                {
                    _logger.LogWarning("Queue depths for the metrics not read: {Error}", ex.Message);
                    _depth = (null, DateTime.UtcNow);
                }
            }
            return _depth.Value is { } depth ? [new Measurement<T>(pick(depth))] : [];
        }
    }
}
