using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Bot.Host.Hosting;
using Bot.Sandbox;
using Bot.Sandbox.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Fixtures;

/// <summary>
/// The real host on a real loopback port in sandbox mode: its WeCom is the sandbox build's emulator, reached over HTTP
/// with the real crypto, composed exactly as `scripts/run` starts it. Each instance has its own database and Redis prefix.
/// </summary>
public sealed class LiveBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LiveBot(WebApplication app, string connectionString, int port)
    {
        _app = app;
        ConnectionString = connectionString;
        BaseUrl = $"http://127.0.0.1:{port}/";
        Emulator = new HttpClient { BaseAddress = new Uri(BaseUrl + "wecom-emulator/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string ConnectionString { get; }

    public string BaseUrl { get; }

    public HttpClient Emulator { get; }

    public IServiceProvider Services => _app.Services;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static Task<LiveBot> StartAsync(params (string Key, string Value)[] settings) => StartAsync((Action<IServiceCollection>?)null, settings);

    /// <param name="clock">The host's and its emulator's clock; the system clock when null.</param>
    public static Task<LiveBot> StartAsync(TimeProvider? clock, params (string Key, string Value)[] settings) =>
        StartAsync(clock is null ? null : services => services.AddSingleton(clock), settings);

    /// <param name="services">Extra registrations for the host (a clock, a log capture).</param>
    public static async Task<LiveBot> StartAsync(Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        var connectionString = await TestDatabases.CreateEmptyAsync();
        var port = FreePort();
        var self = $"http://127.0.0.1:{port}";
        var args = new List<string>
        {
            $"--urls={self}",
            $"--Database:ConnectionString={connectionString}",
            $"--Redis:Configuration={TestEnvironment.Redis}",
            $"--Redis:KeyPrefix={TestEnvironment.NewRedisPrefix()}",
            $"--WeCom:BaseUrl={self}/wecom-emulator/cgi-bin/",
            "--WeCom:Emulator:Enabled=true",
            $"--WeCom:Emulator:CallbackUrl={self}/wecom/callback",
            $"--WeCom:Emulator:AiBotCallbackUrl={self}/wecom/aibot",
            "--Inbound:PollMilliseconds=100",
            "--Logging:LogLevel:Default=Warning",
            // Jobs firing on their own would add messages under the feet of tests; scheduling tests switch them on.
            "--Scheduling:Enabled=false",
        };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = BotHost.BuildWebApp([.. args], seedDemo: false, registrations => services?.Invoke(registrations), SandboxHost.AddOn);
        await app.StartAsync();
        return new LiveBot(app, connectionString, port);
    }

    /// <summary>A live bot with the demo company loaded (the sandbox's 1 manager, 4 reps and 60 customers).</summary>
    public static Task<LiveBot> StartWithDemoCompanyAsync(params (string Key, string Value)[] settings) => StartWithDemoCompanyAsync((TimeProvider?)null, settings);

    /// <param name="clock">The host's clock, also the demo company's "today"; the system clock when null.</param>
    public static Task<LiveBot> StartWithDemoCompanyAsync(TimeProvider? clock, params (string Key, string Value)[] settings) =>
        StartWithDemoCompanyAsync(clock is null ? null : services => services.AddSingleton(clock), settings);

    /// <param name="services">Extra registrations for the host (a clock, a log capture).</param>
    public static async Task<LiveBot> StartWithDemoCompanyAsync(Action<IServiceCollection>? services, params (string Key, string Value)[] settings)
    {
        var bot = await StartAsync(services, settings);
        await bot.Services.GetRequiredService<Bot.Data.Demo.DemoCompanySeeder>().SeedIfEmptyAsync(CancellationToken.None);
        return bot;
    }

    public async Task<T> ControlAsync<T>(string path, object? body = null)
    {
        using var response = body is null ? await Emulator.GetAsync("control/" + path) : await Emulator.PostAsJsonAsync("control/" + path, body, EmulatorJson.Control);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(EmulatorJson.Control))!;
    }

    /// <summary>The member writes <paramref name="text"/> to the app; returns the bot's reply number <paramref name="replyNumber"/> to them.</summary>
    public async Task<CapturedMessage> SayAsync(string user, string text, int replyNumber)
    {
        await ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(user, text));
        var messages = await MessagesToAsync(user, replyNumber);
        Assert.True(messages.Count >= replyNumber, $"no reply #{replyNumber} to「{text}」");
        return messages[replyNumber - 1];
    }

    /// <summary>The member writes <paramref name="text"/> to the app; returns once it is handled and every reply to the member sent.</summary>
    public async Task TellAsync(string user, string text)
    {
        await ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(user, text));
        await HandledAsync(user);
    }

    /// <summary>Waits until every stored message is handled and nothing for the member is left to send.</summary>
    public async Task HandledAsync(string user)
    {
        await using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "select count(*) from inbound_messages where status in ('pending', 'processing')") > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "messages still waiting to be handled");
                await Task.Delay(50);
            }
        }
        await SettledAsync(user);
    }

    /// <summary>
    /// Waits until nothing for the member is left to send, so a reply that comes in several messages (text, then its
    /// pictures) is all delivered before the next question is asked and its first reply looked for.
    /// </summary>
    public async Task SettledAsync(string user)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection,
                   "select count(*)::int from outbox where recipient = @User and status in ('pending', 'sending')", new { User = user }) > 0
               && DateTime.UtcNow < deadline)
            await Task.Delay(20);
    }

    /// <summary>The member adds the customer on WeChat; returns the account's id once the bot has linked it to a contact.</summary>
    public async Task<string> AddLinkedContactAsync(string rep, string name, string company)
    {
        var added = await ControlAsync<AddContactResponse>("contacts", new AddContactRequest(rep, name, CorpName: company));
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
                   "select count(*) from contacts where wecom_external_userid = @Id", new { Id = added.ExternalUserId }) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{name} never linked");
            await Task.Delay(50);
        }
        return added.ExternalUserId;
    }

    /// <summary>What the member reads: a text message's content, or a card's text.</summary>
    public static string TextOf(CapturedMessage message)
    {
        if (message.Content is { } content)
            return content;
        var card = message.Payload.TryGetProperty("template_card", out var inner) ? inner : message.Payload;
        return card.ValueKind == System.Text.Json.JsonValueKind.Object && card.TryGetProperty("sub_title_text", out var text) ? text.GetString() ?? "" : "";
    }

    /// <summary>Waits until the emulator has delivered at least <paramref name="count"/> messages to the member.</summary>
    public async Task<IReadOnlyList<CapturedMessage>> MessagesToAsync(string userId, int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var messages = await ControlAsync<List<CapturedMessage>>($"messages?touser={userId}");
            if (messages.Count >= count || DateTime.UtcNow > deadline)
                return messages;
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Emulator.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await TestDatabases.DropAsync(ConnectionString);
    }
}
