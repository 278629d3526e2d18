using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>Where the bot can reach the emulator, for the response_url of AI bot callbacks.</summary>
public sealed class EmulatorAddress(IServiceProvider services, IOptions<WeComEmulatorOptions> options)
{
    public string BaseUrl()
    {
        var configured = options.Value.PublicBaseUrl;
        if (!string.IsNullOrEmpty(configured))
            return configured.TrimEnd('/') + options.Value.PathPrefix;
        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1";
        // A wildcard listen address is not something a client can dial.
        var dialable = address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return dialable.TrimEnd('/') + options.Value.PathPrefix;
    }
}
