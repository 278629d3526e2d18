using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Fixtures;

/// <summary>What the fake model answers to the next chat completion request.</summary>
public abstract record FakeReply
{
    public sealed record ToolCall(string Name, string Arguments) : FakeReply;

    public sealed record Text(string Content) : FakeReply;

    public sealed record Status(int Code) : FakeReply;

    public sealed record Slow(TimeSpan Delay, FakeReply Then) : FakeReply;
}

/// <summary>
/// An OpenAI-compatible chat completions server on a loopback port, answering from a script: the real OpenAI SDK
/// talks to it over HTTP exactly as to DeepSeek or vLLM. With the script empty it answers with empty text, which
/// the assistant treats as "no opinion". Every request body is kept for assertions.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<JsonNode> _requests = new();
    private readonly ConcurrentQueue<string> _served = new();
    private int _calls;

    private FakeOpenAiServer(WebApplication app) => _app = app;

    /// <summary>The endpoint to configure as <c>Llm:Endpoint</c>, ending in /v1.</summary>
    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<JsonNode> Requests => [.. _requests];

    /// <summary>What each request was answered with, in order: for assertion messages.</summary>
    public string Served => string.Join(", ", _served);

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", (Func<HttpContext, Task<IResult>>)server.CompleteAsync);
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "fake-model", @object = "model" } } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = address + "/v1";
        return server;
    }

    public void Script(params FakeReply[] replies)
    {
        foreach (var reply in replies)
            _script.Enqueue(reply);
    }

    /// <summary>The system and user texts of every request, joined: what the model was shown.</summary>
    public string PromptsSeen() => string.Join("\n", Requests.SelectMany(r => r["messages"]!.AsArray()).Select(m => m?["content"]?.ToString()));

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        _requests.Enqueue((await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!);
        var reply = _script.TryDequeue(out var next) ? next : new FakeReply.Text("");
        while (reply is FakeReply.Slow slow)
        {
            await Task.Delay(slow.Delay, context.RequestAborted);
            reply = slow.Then;
        }
        var id = Interlocked.Increment(ref _calls);
        _served.Enqueue(reply.ToString());
        return reply switch
        {
            FakeReply.Status status => Results.Json(new { error = new { message = "scripted failure", type = "server_error" } }, statusCode: status.Code),
            FakeReply.ToolCall call => Results.Text(Completion(id, null, [new { id = $"call_{id}", type = "function", function = new { name = call.Name, arguments = call.Arguments } }]), "application/json"),
            FakeReply.Text text => Results.Text(Completion(id, text.Content, null), "application/json"),
            _ => throw new InvalidOperationException("unknown reply"),
        };
    }

    private static string Completion(int id, string? content, object[]? toolCalls) => JsonSerializer.Serialize(new
    {
        id = $"chatcmpl-{id}",
        @object = "chat.completion",
        created = 1_764_000_000,
        model = "fake-model",
        choices = new[]
        {
            new
            {
                index = 0,
                message = new { role = "assistant", content, tool_calls = toolCalls },
                finish_reason = toolCalls is null ? "stop" : "tool_calls",
            },
        },
        usage = new { prompt_tokens = 120, completion_tokens = 30, total_tokens = 150 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
