using System.Net;
using System.Net.Http.Headers;
using Bot.Bench.Dashboard;
using Bot.Conversations.Team;
using Bot.Host.Telemetry;
using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Telemetry;

/// <summary>/metrics on a live bot: real signed callbacks in, replies out through the emulator, the numbers read back from a scrape.</summary>
public sealed class MetricsScrapeTests
{
    private const string Token = "scrape-token-0123456789";

    private static Task<LiveBot> StartWithMetricsAsync() =>
        LiveBot.StartAsync(("Telemetry:Metrics:Enabled", "true"), ("Telemetry:Metrics:Token", Token));

    private static async Task<HttpResponseMessage> GetMetricsAsync(LiveBot bot, string? token)
    {
        using var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (measurements land just after the effect the test waited for).</summary>
    private static async Task<PrometheusText> ScrapeUntilAsync(LiveBot bot, Func<PrometheusText, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await GetMetricsAsync(bot, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var scrape = new PrometheusText(await response.Content.ReadAsStringAsync());
            if (done(scrape) || DateTime.UtcNow > deadline)
                return scrape;
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Scrape_AfterMessagesThroughCallbacks_ProductMetricsMoved()
    {
        await using var bot = await StartWithMetricsAsync();
        var users = bot.Services.GetRequiredService<IUserDirectory>();
        string[] reps = ["otel_a", "otel_b", "otel_c"];
        foreach (var rep in reps)
            await users.UpsertAsync(rep, "测试" + rep[5..], UserRole.Rep, null, CancellationToken.None);
        // The first send is refused once with WeCom's "system busy", then retried: an errcode to count.
        await bot.ControlAsync<ActiveFault>("faults", new FaultRule { Path = "message/send", Errcode = -1, ErrcodeCount = 1 });

        foreach (var rep in reps)
        {
            await bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(rep, "你好"));
            await bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(rep, "本周漏斗"));
        }
        foreach (var rep in reps)
            Assert.Equal(2, (await bot.MessagesToAsync(rep, 2)).Count);

        var scrape = await ScrapeUntilAsync(bot, s => s.Sum("bot_outbox_send_duration_seconds_count", "outcome=\"ok\"") >= 6);
        Assert.True(scrape.Sum("bot_inbound_processing_duration_seconds_count", "channel=\"app\"", "outcome=\"ok\"") >= 6, scrape.Text);
        Assert.True(scrape.Sum("bot_outbox_send_duration_seconds_count", "kind=\"message\"", "outcome=\"ok\"") >= 6, scrape.Text);
        Assert.True(scrape.Sum("bot_understanding_decisions_total", "decision=\"act\"") >= 3, scrape.Text);
        Assert.True(scrape.Sum("bot_understanding_decisions_total", "decision=\"none\"") >= 3, scrape.Text);
        Assert.True(scrape.Sum("bot_wecom_errors_total", "api=\"message/send\"", "errcode=\"-1\"") >= 1, scrape.Text);
        Assert.True(scrape.Sum("bot_wecom_token_refreshes_total", "outcome=\"ok\"") >= 1, scrape.Text);
        foreach (var gauge in new[] { "bot_inbound_backlog", "bot_inbound_oldest_age_seconds", "bot_outbox_waiting", "bot_outbox_parked" })
            Assert.True(scrape.Has(gauge), gauge + " missing:\n" + scrape.Text);
        Assert.True(scrape.Has("http_server_request_duration_seconds_count"), scrape.Text);
    }

    [Fact]
    public async Task Metrics_Disabled_NotFound()
    {
        await using var bot = await LiveBot.StartAsync();

        using var response = await GetMetricsAsync(bot, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_WithoutOrWithWrongToken_Unauthorized()
    {
        await using var bot = await StartWithMetricsAsync();

        using var none = await GetMetricsAsync(bot, null);
        using var wrong = await GetMetricsAsync(bot, Token + "x");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none.StatusCode, wrong.StatusCode));
        Assert.DoesNotContain("bot_", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MetricsOnWithoutToken_Fails()
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { Metrics = { Enabled = true } });

        Assert.True(result.Failed);
        Assert.Contains("Telemetry:Metrics:Token", result.FailureMessage, StringComparison.Ordinal);
    }
}
