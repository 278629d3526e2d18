using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bot.Host.WeCom.Crypto;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// WeCom's delivery rule (wecom-spec.md §3): only HTTP 200 counts; with no 200 within the timeout the very
/// same request is posted again, at most three more times.
/// </summary>
public sealed class CallbackPoster(IHttpClientFactory httpClients, IOptions<WeComEmulatorOptions> options, TimeProvider time)
{
    public const string HttpClientName = "WeComEmulator.Callbacks";
    public const int MaxRetries = 3;

    /// <summary>Signs an encrypted payload, then posts <paramref name="body"/> built from it to <paramref name="url"/>.</summary>
    public async Task<CallbackDelivery> PostAsync(
        string url, WeComCrypto crypto, string plaintext, Func<string, string> body, string contentType, CancellationToken ct)
    {
        var encrypted = crypto.Encrypt(plaintext);
        var (timestamp, nonce) = Stamp();
        var target = WithQuery(url, ("msg_signature", crypto.Sign(timestamp, nonce, encrypted)), ("timestamp", timestamp), ("nonce", nonce));
        var content = body(encrypted);
        var client = httpClients.CreateClient(HttpClientName);
        var attempts = new List<CallbackAttempt>();
        var total = Stopwatch.StartNew();
        for (var number = 1; number <= MaxRetries + 1; number++)
        {
            var watch = Stopwatch.StartNew();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.CallbackTimeout);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(content, Encoding.UTF8, contentType) };
                using var response = await client.SendAsync(request, timeout.Token);
                var text = await response.Content.ReadAsStringAsync(timeout.Token);
                attempts.Add(new(number, (int)response.StatusCode, watch.Elapsed, null));
                if (response.StatusCode == HttpStatusCode.OK)
                    return new(target, plaintext, true, 200, text, attempts, total.Elapsed);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                attempts.Add(new(number, null, watch.Elapsed, "no answer within the callback timeout"));
            }
            catch (HttpRequestException ex)
            {
                attempts.Add(new(number, null, watch.Elapsed, ex.Message));
            }
        }
        return new(target, plaintext, false, attempts[^1].StatusCode, null, attempts, total.Elapsed);
    }

    /// <summary>The GET with echostr that the admin console sends when the callback URL is saved.</summary>
    public async Task<UrlVerificationResult> VerifyUrlAsync(string url, WeComCrypto crypto, CancellationToken ct)
    {
        var expected = RandomNumberGenerator.GetString("0123456789", 19);
        var echo = crypto.Encrypt(expected);
        var (timestamp, nonce) = Stamp();
        var target = WithQuery(url, ("msg_signature", crypto.Sign(timestamp, nonce, echo)), ("timestamp", timestamp), ("nonce", nonce), ("echostr", echo));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.CallbackTimeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(target, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return new(response.StatusCode == HttpStatusCode.OK && body == expected, (int)response.StatusCode, body, expected, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new(false, null, null, expected, ex.Message);
        }
    }

    public (string Timestamp, string Nonce) Stamp() =>
        (time.GetUtcNow().ToUnixTimeSeconds().ToString(), RandomNumberGenerator.GetString("0123456789", 10));

    private static string WithQuery(string url, params (string Name, string Value)[] query) =>
        url + (url.Contains('?') ? "&" : "?") + string.Join("&", query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value)));
}
