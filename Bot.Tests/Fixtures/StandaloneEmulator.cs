using System.Net.Http.Json;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Builder;

namespace Bot.Tests.Fixtures;

/// <summary>
/// The emulator in the test process, playing the corp of the repository's appsettings.json, for tests where the
/// bot runs as separate processes (killed, or two sharing a database) while WeCom itself stays up.
/// </summary>
public sealed class StandaloneEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandaloneEmulator(WebApplication app, string baseUrl)
    {
        _app = app;
        ApiBaseUrl = baseUrl + "/wecom-emulator/cgi-bin/";
        Client = new HttpClient { BaseAddress = new Uri(baseUrl + "/wecom-emulator/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string ApiBaseUrl { get; }

    public HttpClient Client { get; }

    public static async Task<StandaloneEmulator> StartAsync(string callbackUrl)
    {
        var (app, address) = await StandaloneEmulatorHost.StartAsync(new Dictionary<string, string>
        {
            ["CorpId"] = SignedCallback.CorpId,
            ["CorpSecret"] = "sandbox-app-secret",
            ["AgentId"] = "1000002",
            ["Token"] = SignedCallback.Token,
            ["EncodingAESKey"] = SignedCallback.AesKey,
            ["CallbackUrl"] = callbackUrl,
        });
        return new StandaloneEmulator(app, address);
    }

    public async Task<T> ControlAsync<T>(string path, object? body = null)
    {
        using var response = body is null ? await Client.GetAsync("control/" + path) : await Client.PostAsJsonAsync("control/" + path, body, EmulatorJson.Control);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(EmulatorJson.Control))!;
    }

    public async Task ClearFaultsAsync() => (await Client.DeleteAsync("control/faults")).EnsureSuccessStatusCode();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
