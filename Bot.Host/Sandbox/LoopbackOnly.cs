using System.Net;

namespace Bot.Sandbox;

/// <summary>
/// The emulator and the sandbox page answer only requests that came in on this machine's loopback interface:
/// a host that also listens on 0.0.0.0 or a LAN address never lets anyone there sign callbacks with the real token.
/// </summary>
public sealed class LoopbackOnly : IEndpointFilter
{
    public static bool Allows(ConnectionInfo connection) =>
        connection.LocalIpAddress is { } local && IPAddress.IsLoopback(local)
        && connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote);

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Allows(context.HttpContext.Connection) ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());
}
