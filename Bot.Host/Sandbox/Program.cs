using Bot.Host.Cli;

namespace Bot.Sandbox;

// A named class, not top-level statements: those would add a second global Program beside Bot.Host's for the tests.
internal static class Program
{
    public static Task<int> Main(string[] args) => BotCommandLine.RunAsync(args, SandboxHost.AddOn);
}
