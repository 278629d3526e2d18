using Bot.Host.Hosting;

namespace Bot.Sandbox;

/// <summary>
/// The sandbox build: the production host's composition plus what <see cref="SandboxServiceCollectionExtensions"/>
/// adds. `scripts/run` serves it and the tests' live bot is composed with it, so both run the same thing.
/// </summary>
public static class SandboxHost
{
    public static readonly HostAddOn AddOn = new((services, configuration) => services.AddSandbox(configuration), app => app.MapSandbox());
}
