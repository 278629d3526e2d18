using System.Net;
using Bot.Host.Hosting;
using Bot.Host.WeCom;
using Bot.Sandbox.Emulator;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox;

/// <summary>
/// Sandbox mode: the WeCom emulator plays the corp configured under WeCom, and /sandbox lets a person chat through it.
/// Only the sandbox build has it (the deployed Bot.Host.dll refuses the switch), and even there it is off unless asked
/// for (`WeCom:Emulator:Enabled`, which only `scripts/run`, the benchmarks and the tests set) AND the WeCom API address
/// is on this machine; then it answers loopback requests only (<see cref="LoopbackOnly"/>), so nothing reachable from
/// the network is a fake WeCom that signs callbacks with the real token.
/// </summary>
public static class SandboxServiceCollectionExtensions
{
    public static bool IsSandbox(IConfiguration configuration)
    {
        var enabled = configuration.GetValue<bool>(BotHost.EmulatorSwitch);
        var baseUrl = configuration["WeCom:BaseUrl"];
        return enabled && Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
    }

    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWeComEmulator(configuration);
        var sandbox = IsSandbox(configuration);
        if (sandbox)
        {
            // Registered after the system clock, so every TimeProvider the host asks for is the one the page moves.
            services.AddSingleton<Clock.SandboxClock>();
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<Clock.SandboxClock>());
            services.AddSingleton<Clock.SimulatedTime>();
        }
        services.AddOptions<WeComEmulatorOptions>().PostConfigure<IOptions<WeComOptions>>((emulator, wecom) =>
        {
            emulator.Enabled = sandbox;
            // The emulator is the corp the bot is configured for, so the two always agree on ids and keys.
            var w = wecom.Value;
            emulator.CorpId = w.CorpId;
            emulator.CorpSecret = w.Secret;
            emulator.AgentId = w.AgentId;
            emulator.Token = w.Token;
            emulator.EncodingAESKey = w.EncodingAESKey;
            emulator.AiBotToken = w.AiBot.Token;
            emulator.AiBotEncodingAESKey = w.AiBot.EncodingAESKey;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        app.MapWeComEmulator();
        // The page drives the emulator, so it exists exactly when the emulator does.
        if (!IsSandbox(app.ServiceProvider.GetRequiredService<IConfiguration>()))
            return app;
        app.MapSandboxPage();
        app.MapGet("/", () => Results.Redirect("/sandbox")).AddEndpointFilter<LoopbackOnly>();
        // "Now listening on …" is easy to miss: say where the page is, in the words of someone opening it.
        var services = app.ServiceProvider;
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() =>
        {
            var addresses = services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
                Console.WriteLine($"沙箱已就绪：打开 {address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/')}/sandbox");
        });
        return app;
    }
}
