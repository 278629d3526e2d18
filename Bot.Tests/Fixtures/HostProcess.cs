using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Bot.Tests.Fixtures;

/// <summary>The bot as its own OS process (`Bot.Host.dll serve`), so a test can kill it the hard way.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private HostProcess(Process process, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        Port = port;
        _output = output;
    }

    public int Port { get; }

    /// <summary>What the process wrote to standard output so far, line by line.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    public string CallbackUrl => $"http://127.0.0.1:{Port}/wecom/callback";

    public static async Task<HostProcess> StartAsync(
        string connectionString, string redisPrefix, string weComApi, int? port = null, IReadOnlyDictionary<string, string>? environment = null,
        string? executable = null)
    {
        var chosen = port ?? LiveBot.FreePort();
        var start = new ProcessStartInfo(executable ?? "dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (executable is null)
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{chosen}");
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Redis__Configuration"] = TestEnvironment.Redis;
        start.Environment["Redis__KeyPrefix"] = redisPrefix;
        start.Environment["WeCom__BaseUrl"] = weComApi;
        start.Environment["WeCom__Emulator__Enabled"] = "false";
        // Short leases so a row held by a killed process is taken over within seconds, not half a minute.
        start.Environment["WeCom__Outbox__LeaseSeconds"] = "2";
        start.Environment["Inbound__LeaseSeconds"] = "2";
        start.Environment["Inbound__PollMilliseconds"] = "100";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Scheduling__Enabled"] = "false";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
                output.Enqueue(text);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{chosen}/readyz")).IsSuccessStatusCode)
                    return new HostProcess(process, chosen, output);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"host on port {chosen} did not become ready");
    }

    /// <summary>SIGTERM, as systemd stops a service; waits for the process to end and returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        if (Kill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException("kill(SIGTERM) failed: " + Marshal.GetLastPInvokeError());
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>SIGKILL: no graceful shutdown, no flushing, exactly like a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
