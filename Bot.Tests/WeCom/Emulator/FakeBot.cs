using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.WeCom.Emulator;

/// <summary>A stand-in for the bot's callback endpoint: records every request and answers with the test's handler.</summary>
public sealed class FakeBot : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeBot(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The callback URL, <c>{base}/callback</c>.</summary>
    public string Url { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<FakeBot> StartAsync(Func<ReceivedRequest, HttpContext, Task<IResult>> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeBot? bot = null;
        app.Map("/callback", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var request = new ReceivedRequest(context.Request.Method, context.Request.QueryString.Value ?? "",
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()), await reader.ReadToEndAsync(), context.Request.ContentType);
            bot!.Requests.Enqueue(request);
            return await handler(request, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        bot = new FakeBot(app, address + "/callback");
        return bot;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

public sealed record ReceivedRequest(string Method, string RawQuery, Dictionary<string, string> Query, string Body, string? ContentType);
