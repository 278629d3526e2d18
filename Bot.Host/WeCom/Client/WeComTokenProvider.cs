using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Bot.Conversations.Pipeline;
using Bot.Host.Telemetry;
using Microsoft.Extensions.Options;

namespace Bot.Host.WeCom.Client;

/// <summary>
/// The app's access_token, shared by every host through Redis. One host refreshes at a time (a Redis lock,
/// then a re-check, so a host never overwrites a token another just fetched); the rest wait for it.
/// </summary>
public sealed class WeComTokenProvider(HttpClient http, ITokenCache cache, IDistributedLock locks, IOptions<WeComOptions> options, BotMetrics metrics,
    ILogger<WeComTokenProvider> logger)
{
    // Refresh well before WeCom's expiry so an in-flight call never carries a token that dies on the way.
    private static readonly TimeSpan SafetyMargin = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan WaitForOtherRefresher = TimeSpan.FromSeconds(10);

    private string CacheName => $"wecom:{options.Value.CorpId}:{options.Value.AgentId}";

    private sealed record TokenResponse(
        [property: JsonPropertyName("errcode")] int ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public async Task<string> GetAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + WaitForOtherRefresher;
        while (true)
        {
            if (await cache.GetAsync(CacheName, ct) is { } cached)
                return cached;
            await using (var held = await locks.TryAcquireAsync("wecom-token:" + CacheName, TimeSpan.FromSeconds(30), ct))
            {
                if (held is not null)
                    return await cache.GetAsync(CacheName, ct) ?? await FetchAsync(ct);
            }
            if (DateTime.UtcNow > deadline)
                throw new WeComApiException(-1, "timed out waiting for another host to refresh the access token");
            await Task.Delay(100, ct);
        }
    }

    /// <summary>Drops the cached token, but only if it is still the one that failed: a newer one stays.</summary>
    public async Task InvalidateAsync(string failedToken, CancellationToken ct)
    {
        if (await cache.GetAsync(CacheName, ct) == failedToken)
            await cache.InvalidateAsync(CacheName, ct);
    }

    private async Task<string> FetchAsync(CancellationToken ct)
    {
        var succeeded = false;
        try
        {
            var token = await FetchOnceAsync(ct);
            succeeded = true;
            return token;
        }
        finally
        {
            metrics.TokenRefreshed(succeeded);
        }
    }

    private async Task<string> FetchOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var url = $"gettoken?corpid={Uri.EscapeDataString(o.CorpId)}&corpsecret={Uri.EscapeDataString(o.Secret)}";
        TokenResponse? response;
        try
        {
            response = await http.GetFromJsonAsync<TokenResponse>(url, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            // A 5xx, a dropped connection or a timeout fetching the token is a failed attempt like any other send.
            throw new WeComTransportException("gettoken failed: " + ex.Message, ex);
        }
        if (response is null)
            throw new WeComApiException(-1, "empty gettoken response");
        if (response.ErrCode != 0 || string.IsNullOrEmpty(response.AccessToken))
            throw new WeComApiException(response.ErrCode, response.ErrMsg ?? "gettoken failed");
        var lifetime = TimeSpan.FromSeconds(response.ExpiresIn) - SafetyMargin;
        await cache.SetAsync(CacheName, response.AccessToken, lifetime > TimeSpan.FromSeconds(30) ? lifetime : TimeSpan.FromSeconds(30), ct);
        logger.LogInformation("Fetched a new WeCom access token, valid {Seconds} s", response.ExpiresIn);
        return response.AccessToken;
    }
}
