using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bot.Host.WeCom;
using Bot.Sandbox.Emulator;

namespace Bot.Bench;

/// <summary>
/// What the benchmarks (and the tests) that kill things share: a WeCom emulator living in the benchmark's own process
/// (so it outlives every host), bot hosts and a Redis started as child processes that can be killed like a crash.
/// </summary>
public static class BenchProcesses
{
    public static Task<(WebApplication App, string Address)> StartEmulatorAsync(WeComOptions w, CancellationToken ct) =>
        StandaloneEmulatorHost.StartAsync(new Dictionary<string, string>
        {
            ["CorpId"] = w.CorpId,
            ["CorpSecret"] = w.Secret,
            ["AgentId"] = w.AgentId.ToString(CultureInfo.InvariantCulture),
            ["Token"] = w.Token,
            ["EncodingAESKey"] = w.EncodingAESKey,
            ["CallbackUrl"] = "http://127.0.0.1:1/unused",
        }, ct: ct);

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

    /// <summary>A Redis of its own on <paramref name="port"/>, nothing saved, returned once it listens.</summary>
    public static Process StartRedis(int port)
    {
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        process.Kill();
        throw new InvalidOperationException($"redis-server did not listen on {port}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
