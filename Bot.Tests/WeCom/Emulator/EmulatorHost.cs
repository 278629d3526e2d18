using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Tests.WeCom.Emulator;

/// <summary>The emulator in a real Kestrel host on a free loopback port, with a clock the test moves.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    public const string CorpId = "wwtestcorp";
    public const string Secret = "test-secret";
    public const int AgentId = 1000002;
    public const string Token = "apptoken";
    public const string AesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string AiBotToken = "aibottoken";
    public const string AiBotAesKey = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";

    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, FakeTimeProvider clock, string baseUrl)
    {
        _app = app;
        Clock = clock;
        Client = new HttpClient { BaseAddress = new Uri(baseUrl + "/wecom-emulator/") };
    }

    public FakeTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<EmulatorHost> StartAsync(string callbackUrl = "http://127.0.0.1:1/none", string aiBotCallbackUrl = "http://127.0.0.1:1/none",
        double callbackTimeoutSeconds = 5)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var (app, address) = await StandaloneEmulatorHost.StartAsync(new Dictionary<string, string>
        {
            ["CorpId"] = CorpId,
            ["CorpSecret"] = Secret,
            ["AgentId"] = AgentId.ToString(),
            ["Token"] = Token,
            ["EncodingAESKey"] = AesKey,
            ["CallbackUrl"] = callbackUrl,
            ["AiBotToken"] = AiBotToken,
            ["AiBotEncodingAESKey"] = AiBotAesKey,
            ["AiBotCallbackUrl"] = aiBotCallbackUrl,
            ["CallbackTimeoutSeconds"] = callbackTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, services => services.AddSingleton<TimeProvider>(clock));
        return new EmulatorHost(app, clock, address);
    }

    public async Task<string> TokenAsync()
    {
        var body = await GetAsync($"cgi-bin/gettoken?corpid={CorpId}&corpsecret={Secret}");
        return body.GetProperty("access_token").GetString()!;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return await ReadAsync(response);
    }

    /// <summary>Posts the JSON text exactly as given, so tests control the escaping.</summary>
    public async Task<JsonElement> PostRawAsync(string path, string json)
    {
        using var response = await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return await ReadAsync(response);
    }

    public Task<JsonElement> PostAsync(string path, object body) =>
        PostRawAsync(path, JsonSerializer.Serialize(body, EmulatorJson.WeCom));

    public async Task<T> ControlAsync<T>(string path, object? body = null)
    {
        using var response = body is null ? await Client.GetAsync("control/" + path) : await Client.PostAsJsonAsync("control/" + path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(EmulatorJson.Control))!;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
