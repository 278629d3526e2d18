namespace Bot.Tests.Fixtures;

/// <summary>
/// Where the test instance of PostgreSQL and Redis listens. scripts/test starts it (scripts/services up test)
/// and exports these; the defaults are that instance's ports, so a plain `dotnet test` works once it is up.
/// </summary>
public static class TestEnvironment
{
    public static string PostgresServer { get; } =
        Environment.GetEnvironmentVariable("BOT_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55442;Username=postgres;Database=bot";

    public static string Redis { get; } = Environment.GetEnvironmentVariable("BOT_TEST_REDIS") ?? "127.0.0.1:56389";

    /// <summary>
    /// Where tests leave files for people to look at (the walkthrough's screenshots): scripts/test sets it to TestResults/,
    /// beside results.trx; a plain `dotnet test` leaves them in artifacts/ beside the test binaries.
    /// </summary>
    public static string Artifacts { get; } =
        Environment.GetEnvironmentVariable("BOT_TEST_ARTIFACTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>A Redis key prefix no other test run shares.</summary>
    public static string NewRedisPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
