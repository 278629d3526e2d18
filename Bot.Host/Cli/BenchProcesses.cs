using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bot.Host.WeCom;
using Bot.Host.WeCom.Emulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bot.Host.Cli;

/// <summary>
/// What the benchmarks that kill hosts share: a WeCom emulator living in the benchmark's own process (so it outlives
/// every host), and bot hosts started as child processes of their own that can be killed like a crash.
/// </summary>
internal static class BenchProcesses
{
    public static async Task<(WebApplication App, string Address)> StartEmulatorAsync(WeComOptions w, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:Emulator:Enabled"] = "true",
            ["WeCom:Emulator:CorpId"] = w.CorpId,
            ["WeCom:Emulator:CorpSecret"] = w.Secret,
            ["WeCom:Emulator:AgentId"] = w.AgentId.ToString(CultureInfo.InvariantCulture),
            ["WeCom:Emulator:Token"] = w.Token,
            ["WeCom:Emulator:EncodingAESKey"] = w.EncodingAESKey,
            ["WeCom:Emulator:CallbackUrl"] = "http://127.0.0.1:1/unused",
        });
        builder.Services.AddWeComEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapWeComEmulator();
        await app.StartAsync(ct);
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>`Bot.Host.dll serve` on <paramref name="port"/> with the benchmark's environment plus <paramref name="settings"/>; its stderr is relayed.</summary>
    public static Process StartHost(int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        start.Environment["Scheduling__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine("[host] " + line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
