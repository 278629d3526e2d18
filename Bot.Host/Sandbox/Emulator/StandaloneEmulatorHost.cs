using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// The emulator alone in a web host of its own on a free loopback port, for benchmarks and tests whose bots run as
/// separate processes (killed, or two sharing a database) while WeCom itself stays up.
/// </summary>
public static class StandaloneEmulatorHost
{
    /// <param name="settings">`WeCom:Emulator` options by name (CorpId, Token, CallbackUrl …).</param>
    /// <param name="services">Registrations made before the emulator's own (a clock the test moves).</param>
    public static async Task<(WebApplication App, string Address)> StartAsync(
        IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings
            .Select(s => KeyValuePair.Create($"{WeComEmulatorOptions.SectionName}:{s.Key}", (string?)s.Value))
            .Append(KeyValuePair.Create($"{WeComEmulatorOptions.SectionName}:Enabled", (string?)"true")));
        services?.Invoke(builder.Services);
        builder.Services.AddWeComEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapWeComEmulator();
        await app.StartAsync(ct);
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }
}
