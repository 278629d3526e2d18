using System.Diagnostics;
using System.Text.Json;
using Bot.Host.Telemetry;

namespace Bot.Host.Llm;

/// <summary>Requests to the model with their latency and tokens, counted since start (`scripts/bot eval --model` prints them).</summary>
public sealed class ModelUsage
{
    private long _requests;
    private long _failed;
    private long _inputTokens;
    private long _outputTokens;
    private long _elapsedTicks;

    public long Requests => Interlocked.Read(ref _requests);

    public long Failed => Interlocked.Read(ref _failed);

    public long InputTokens => Interlocked.Read(ref _inputTokens);

    public long OutputTokens => Interlocked.Read(ref _outputTokens);

    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

    public void Add(bool succeeded, TimeSpan elapsed, long? inputTokens, long? outputTokens)
    {
        Interlocked.Increment(ref _requests);
        if (!succeeded)
            Interlocked.Increment(ref _failed);
        Interlocked.Add(ref _elapsedTicks, elapsed.Ticks);
        Interlocked.Add(ref _inputTokens, inputTokens ?? 0);
        Interlocked.Add(ref _outputTokens, outputTokens ?? 0);
    }
}

/// <summary>
/// Reads the token counts every OpenAI-compatible answer carries (<c>usage</c>) and logs one line per request with
/// its latency — every round of a tool conversation, which the connector's own result reports only for the last.
/// </summary>
public sealed class ModelUsageHandler(ModelUsage usage, BotMetrics metrics, ILogger<ModelUsageHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            usage.Add(false, Stopwatch.GetElapsedTime(started), null, null);
            metrics.ModelCalled(false, Stopwatch.GetElapsedTime(started), null, null);
            throw;
        }
        long? input = null, output = null;
        if (response.IsSuccessStatusCode)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            try
            {
                // A copy of the buffer: the connector still reads the body from the start.
                using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                if (json.RootElement.TryGetProperty("usage", out var counts) && counts.ValueKind == JsonValueKind.Object)
                {
                    input = counts.TryGetProperty("prompt_tokens", out var p) && p.TryGetInt64(out var pt) ? pt : null;
                    output = counts.TryGetProperty("completion_tokens", out var c) && c.TryGetInt64(out var ct) ? ct : null;
                }
            }
            catch (JsonException)
            {
                // Not ours to judge: the connector reports an unreadable answer itself.
            }
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        usage.Add(response.IsSuccessStatusCode, elapsed, input, output);
        metrics.ModelCalled(response.IsSuccessStatusCode, elapsed, input, output);
        logger.LogInformation("LLM request: HTTP {Status} in {ElapsedMs} ms, tokens in {InputTokens} out {OutputTokens}",
            (int)response.StatusCode, (long)elapsed.TotalMilliseconds, input, output);
        return response;
    }
}
