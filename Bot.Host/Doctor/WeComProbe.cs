using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Host.WeCom;
using Microsoft.Extensions.Options;

namespace Bot.Host.Doctor;

/// <summary>WeCom's first answer to one call, or why it never came.</summary>
public sealed record WeComAnswer(int ErrCode, string ErrMsg, JsonObject Body, DateTimeOffset? ServerDate, DateTimeOffset ReceivedAt)
{
    public string? Unreachable { get; init; }

    public static WeComAnswer Failed(string why) => new(-1, why, [], null, DateTimeOffset.UtcNow) { Unreachable = why };
}

/// <summary>
/// The WeCom calls doctor makes, each once a run and shared by the checks that read it: a fresh gettoken, then
/// agent/get and get_follow_user_list with that token. It calls WeCom directly, at the same base URL as the API
/// client, because the client would hide what doctor is after: it serves a token cached in Redis (a wrong secret
/// would pass until it expires) and retries.
/// </summary>
public sealed class WeComProbe(HttpClient http, IOptions<WeComOptions> options)
{
    private readonly Lock _lock = new();
    private Task<WeComAnswer>? _token;
    private Task<WeComAnswer?>? _agent;
    private Task<WeComAnswer?>? _followUsers;

    public WeComOptions Options => options.Value;

    public Task<WeComAnswer> TokenAsync(CancellationToken ct)
    {
        lock (_lock)
            return _token ??= GetAsync($"gettoken?corpid={Uri.EscapeDataString(Options.CorpId)}&corpsecret={Uri.EscapeDataString(Options.Secret)}", ct);
    }

    /// <returns>Null when there is no token to ask with.</returns>
    public Task<WeComAnswer?> AgentAsync(CancellationToken ct)
    {
        lock (_lock)
            return _agent ??= WithTokenAsync($"agent/get?agentid={Options.AgentId}", ct);
    }

    public Task<WeComAnswer?> FollowUsersAsync(CancellationToken ct)
    {
        lock (_lock)
            return _followUsers ??= WithTokenAsync("externalcontact/get_follow_user_list", ct);
    }

    /// <summary>The app's name from agent/get, for lines that tell the admin where to click; a neutral word when unknown.</summary>
    public async Task<string> AppNameAsync(CancellationToken ct) =>
        await AgentAsync(ct) is { ErrCode: 0, Body: var body } && body["name"]?.GetValue<string>() is { Length: > 0 } name
            ? $"「{name}」"
            : $"自建应用（AgentId {Options.AgentId}）";

    private async Task<WeComAnswer?> WithTokenAsync(string pathAndQuery, CancellationToken ct)
    {
        var token = await TokenAsync(ct);
        if (token.ErrCode != 0 || token.Body["access_token"]?.GetValue<string>() is not { Length: > 0 } accessToken)
            return null;
        var separator = pathAndQuery.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return await GetAsync($"{pathAndQuery}{separator}access_token={Uri.EscapeDataString(accessToken)}", ct);
    }

    private async Task<WeComAnswer> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(pathAndQuery, ct);
            var received = DateTimeOffset.UtcNow;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                return WeComAnswer.Failed($"HTTP {(int)response.StatusCode}");
            if (JsonNode.Parse(text) is not JsonObject body)
                return WeComAnswer.Failed("回答不是 JSON 对象");
            return new WeComAnswer(body["errcode"]?.GetValue<int>() ?? 0, body["errmsg"]?.GetValue<string>() ?? "", body, response.Headers.Date, received);
        }
        catch (HttpRequestException ex)
        {
            return WeComAnswer.Failed(ex.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return WeComAnswer.Failed($"{http.Timeout.TotalSeconds:0} 秒没有回应");
        }
        catch (JsonException)
        {
            return WeComAnswer.Failed("回答不是 JSON");
        }
    }
}
