using System.Diagnostics;
using System.Text.Json;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Host;

/// <summary>
/// What IT staff install: `scripts/bot publish` makes a folder that runs on a server without .NET, as systemd runs it
/// (output to the journal, not a terminal), and stops cleanly on SIGTERM.
/// </summary>
public sealed class PublishedInstallTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bot-publish-" + Guid.NewGuid().ToString("N")[..8]);
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await TestDatabases.CreateEmptyAsync();

    public async Task DisposeAsync()
    {
        await TestDatabases.DropAsync(_connectionString);
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PublishedFolder_ServesWithoutTheSdk_LogsJsonLines_StopsOnSigterm()
    {
        var publish = await RunAsync("bash", Path.Combine(RepositoryRoot(), "scripts", "bot"), "publish", "--out", _folder);
        Assert.True(publish.ExitCode == 0, publish.Error);
        foreach (var file in new[] { "Bot.Host", "appsettings.json", "bot-assistant.service", "bot-assistant.env.example" })
            Assert.True(File.Exists(Path.Combine(_folder, file)), file + " missing from the published folder");

        await using var emulator = await StandaloneEmulator.StartAsync("http://127.0.0.1:1/unused");
        await using var host = await HostProcess.StartAsync(_connectionString, TestEnvironment.NewRedisPrefix(), emulator.ApiBaseUrl,
            environment: new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information", ["DOTNET_ROOT"] = "/nonexistent" },
            executable: Path.Combine(_folder, "Bot.Host"));
        var (url, body) = SignedCallback.Envelope(SignedCallback.Text("published_rep", "我今天要跟进谁", 9_300_001));
        using (var http = new HttpClient())
            (await http.PostAsync($"http://127.0.0.1:{host.Port}{url}", new StringContent(body, System.Text.Encoding.UTF8, "text/xml"))).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await emulator.ControlAsync<List<CapturedMessage>>("messages?touser=published_rep")).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no reply from the published host");
            await Task.Delay(100);
        }

        Assert.Equal(0, await host.TerminateAsync(TimeSpan.FromSeconds(30)));
        var lines = host.Output.Where(l => l.Length > 0).ToList();
        Assert.Contains(lines, l => l.Contains("Application is shutting down", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Bot.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Bot.sln not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await error);
    }
}
