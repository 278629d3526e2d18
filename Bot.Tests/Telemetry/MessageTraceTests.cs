using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Bot.Conversations.Team;
using Bot.Host.Telemetry;
using Bot.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Telemetry;

/// <summary>
/// One message, one trace: the callback that stored it, its handling by a worker later, and the reply's send, linked
/// through the traceparent stored with each row. The spans name the message by WeCom's msgid and never carry its text.
/// </summary>
public sealed class MessageTraceTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public MessageTraceTests()
    {
        // In-process, as an exporter would see them; other tests' spans are told apart by trace id.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is BotActivities.SourceName or "Npgsql" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task OneMessage_CallbackToReplyIsOneTrace_WithMsgIdAndNoText()
    {
        await using var bot = await LiveBot.StartAsync();
        await bot.Services.GetRequiredService<IUserDirectory>().UpsertAsync("otel_trace", "测试追踪", UserRole.Rep, null, CancellationToken.None);
        var msgId = 8_100_000_000 + Random.Shared.Next(1_000_000);
        const string secret = "追踪暗号青松";
        var (url, body) = SignedCallback.Envelope(SignedCallback.Text("otel_trace", "本周漏斗 " + secret, msgId));
        using (var http = new HttpClient { BaseAddress = new Uri(bot.BaseUrl) })
            (await http.PostAsync(url.TrimStart('/'), new StringContent(body, Encoding.UTF8, "text/xml"))).EnsureSuccessStatusCode();
        Assert.NotEmpty(await bot.MessagesToAsync("otel_trace", 1));

        var callback = await SpanAsync(s => s.OperationName == "wecom.callback app" && Tag(s, BotActivities.MsgIdTag) == msgId.ToString());
        var processing = await SpanAsync(s => s.OperationName == "inbound.process" && s.TraceId == callback.TraceId);
        var send = await SpanAsync(s => s.OperationName == "outbox.send" && s.TraceId == callback.TraceId);

        Assert.Equal(callback.SpanId, processing.ParentSpanId);
        Assert.Equal(msgId.ToString(), Tag(processing, BotActivities.MsgIdTag));
        Assert.Equal(processing.SpanId, send.ParentSpanId);
        var trace = _spans.Where(s => s.TraceId == callback.TraceId).ToList();
        Assert.Contains(trace, s => s.Source.Name == "Npgsql");
        foreach (var span in trace)
        {
            var said = string.Join("\n", [span.DisplayName, .. span.TagObjects.Select(t => $"{t.Key}={t.Value}"), .. span.Events.Select(e => e.Name)]);
            Assert.DoesNotContain(secret, said, StringComparison.Ordinal);
            Assert.DoesNotContain("本周漏斗", said, StringComparison.Ordinal);
        }
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            if (_spans.FirstOrDefault(match) is { } span)
                return span;
            Assert.True(DateTime.UtcNow < deadline, "span not seen; recorded: " + string.Join(", ", _spans.Select(s => s.OperationName).Distinct()));
            await Task.Delay(50);
        }
    }
}
