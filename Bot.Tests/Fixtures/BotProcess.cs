using System.Diagnostics;

namespace Bot.Tests.Fixtures;

/// <summary>Runs the real command line (Bot.Host.dll, built beside the tests) as a separate process.</summary>
public static class BotProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(string connectionString, string redisPrefix, params string[] args) =>
        RunAsync(connectionString, redisPrefix, new Dictionary<string, string>(), args);

    /// <param name="environment">More settings, as the environment variables an operator would export.</param>
    public static async Task<Result> RunAsync(string connectionString, string redisPrefix, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Redis__Configuration"] = TestEnvironment.Redis;
        start.Environment["Redis__KeyPrefix"] = redisPrefix;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
