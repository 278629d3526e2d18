namespace Bot.Host.Hosting;

/// <summary>
/// What another build adds to the production host. The sandbox (Bot.Sandbox) puts the WeCom emulator, its chat page
/// and the simulated clock here, so that Bot.Host.dll — what is published and deployed — carries none of them.
/// </summary>
/// <param name="AddServices">Runs after the host's own services and before a caller's last changes.</param>
/// <param name="MapEndpoints">Runs after the host's own endpoints.</param>
public sealed record HostAddOn(Action<IServiceCollection, IConfiguration> AddServices, Action<IEndpointRouteBuilder> MapEndpoints);
