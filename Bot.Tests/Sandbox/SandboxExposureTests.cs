using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Bot.Sandbox;
using Bot.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Bot.Tests.Sandbox;

/// <summary>
/// The emulator signs callbacks with the real token: it is off unless asked for, and even a host that listens on
/// every interface answers its control API and the sandbox page only on loopback.
/// </summary>
public sealed class SandboxExposureTests
{
    [Fact]
    public void RepositorysAppSettings_SandboxModeOff()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();

        Assert.False(configuration.GetValue<bool>("WeCom:Emulator:Enabled"));
        Assert.False(SandboxServiceCollectionExtensions.IsSandbox(configuration));
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "::1", true)]
    [InlineData("192.0.2.2", "192.0.2.9", false)]
    [InlineData("127.0.0.1", "192.0.2.9", false)]
    public void LoopbackOnly_AllowsOnlyLoopbackOnBothEnds(string local, string remote, bool allowed)
    {
        var connection = new DefaultHttpContext().Connection;
        connection.LocalIpAddress = IPAddress.Parse(local);
        connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(allowed, LoopbackOnly.Allows(connection));
    }

    [Fact]
    public async Task HostListeningOnEveryInterface_EmulatorAndPageNotFoundFromTheNetwork_ServedOnLoopback()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .First(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        var port = LiveBot.FreePort();
        await using var bot = await LiveBot.StartAsync(("urls", $"http://0.0.0.0:{port}"), ("WeCom:BaseUrl", $"http://127.0.0.1:{port}/wecom-emulator/cgi-bin/"));
        using var http = new HttpClient();

        foreach (var path in new[] { "wecom-emulator/control/messages?touser=x", "sandbox", "sandbox/api/users" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://{address}:{port}/{path}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/{path}")).StatusCode);
        }
    }
}
