using Microsoft.Playwright;

namespace Bot.Tests.Sandbox;

/// <summary>
/// One headless Debian Chromium (/usr/bin/chromium, which scripts/test installs) shared by a test class. Playwright
/// only drives it through its bundled driver: there is no browser download, so it works without network access.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run scripts/test, or apt-get install chromium as root.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // --no-sandbox: tests run as root, where Chromium's sandbox refuses to start; the rest keep it off the network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        // The bot answers through the outbox and the page polls every 700 ms, so allow more than the 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
