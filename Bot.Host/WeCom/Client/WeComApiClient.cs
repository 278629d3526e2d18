using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.Telemetry;
using Polly;
using Polly.Retry;

namespace Bot.Host.WeCom.Client;

public sealed record WeComResponse(int ErrCode, string ErrMsg, JsonObject Body);

/// <summary>
/// Calls WeCom's API with the shared access token. A token WeCom calls invalid or expired is refreshed once
/// and the call retried once; brief network failures are retried right away (Polly); anything else is the
/// caller's to retry later — the outbox does that durably.
/// </summary>
public sealed class WeComApiClient(HttpClient http, WeComTokenProvider tokens, BotMetrics metrics, ILogger<WeComApiClient> logger)
{
    private static readonly ResiliencePipeline Transient = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = new PredicateBuilder().Handle<WeComTransportException>(),
        })
        .Build();

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> (relative to cgi-bin/); throws WeComApiException on a non-zero errcode.</summary>
    public Task<WeComResponse> PostAsync(string path, JsonNode body, CancellationToken ct) =>
        CallAsync(path, token => new HttpRequestMessage(HttpMethod.Post, WithToken(path, token))
        {
            Content = new StringContent(body.ToJsonString(WeComJson.Options), Encoding.UTF8, "application/json"),
        }, ct);

    public Task<WeComResponse> GetAsync(string pathAndQuery, CancellationToken ct) =>
        CallAsync(pathAndQuery, token => new HttpRequestMessage(HttpMethod.Get, WithToken(pathAndQuery, token)), ct);

    /// <summary>For bodies that are not JSON (media/upload): the factory builds the content for each attempt.</summary>
    public Task<WeComResponse> PostContentAsync(string path, Func<HttpContent> content, CancellationToken ct) =>
        CallAsync(path, token => new HttpRequestMessage(HttpMethod.Post, WithToken(path, token)) { Content = content() }, ct);

    private async Task<WeComResponse> CallAsync(string api, Func<string, HttpRequestMessage> request, CancellationToken ct)
    {
        var token = await tokens.GetAsync(ct);
        var response = await Transient.ExecuteAsync(async c => await SendAsync(request(token), c), ct);
        if (WeComErrors.IsTokenProblem(response.ErrCode))
        {
            metrics.WeComError(api, response.ErrCode);
            logger.LogInformation("WeCom rejected the access token ({Code}); refreshing once", response.ErrCode);
            await tokens.InvalidateAsync(token, ct);
            token = await tokens.GetAsync(ct);
            response = await Transient.ExecuteAsync(async c => await SendAsync(request(token), c), ct);
        }
        if (response.ErrCode != 0)
        {
            metrics.WeComError(api, response.ErrCode);
            throw new WeComApiException(response.ErrCode, response.ErrMsg);
        }
        return response;
    }

    private async Task<WeComResponse> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (HttpRequestException ex)
            {
                throw new WeComTransportException("WeCom unreachable: " + ex.Message, ex);
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new WeComTransportException("WeCom timed out", ex);
            }
            using (response)
            {
                if (response.StatusCode >= HttpStatusCode.InternalServerError)
                    throw new WeComTransportException($"WeCom answered HTTP {(int)response.StatusCode}");
                var text = await response.Content.ReadAsStringAsync(ct);
                JsonObject body;
                try
                {
                    body = JsonNode.Parse(text) as JsonObject ?? throw new WeComTransportException("WeCom answered a non-object");
                }
                catch (JsonException ex)
                {
                    throw new WeComTransportException($"WeCom answered HTTP {(int)response.StatusCode} with no JSON", ex);
                }
                var code = body["errcode"]?.GetValue<int>() ?? 0;
                return new WeComResponse(code, body["errmsg"]?.GetValue<string>() ?? "", body);
            }
        }
    }

    private static string WithToken(string path, string token) =>
        path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "access_token=" + Uri.EscapeDataString(token);
}
