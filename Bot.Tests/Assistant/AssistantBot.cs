using Bot.Sandbox.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;

namespace Bot.Tests.Assistant;

/// <summary>
/// The live bot with the demo company and a model configured: the fake OpenAI-compatible server, reached by the
/// real OpenAI SDK over HTTP. Tests in one class share it and take turns (xunit runs a class's tests in order).
/// The timeout is generous, so a loaded machine never turns a scripted answer into a fallback.
/// </summary>
public class AssistantBot : IAsyncLifetime
{
    private readonly (string Key, string Value)[] _settings;

    public AssistantBot()
        : this(("Llm:TimeoutSeconds", "15"))
    {
    }

    protected AssistantBot(params (string Key, string Value)[] settings) => _settings = settings;

    public FakeOpenAiServer Model { get; private set; } = null!;

    public LiveBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeOpenAiServer.StartAsync();
        Bot = await LiveBot.StartWithDemoCompanyAsync(
            [("Llm:Endpoint", Model.Endpoint), ("Llm:Model", "fake-model"), ("Llm:ApiKey", "sk-test"), .. _settings]);
        // One call before the tests, so the connector's first-use cost never eats into a test's time limit.
        await Bot.Services.GetRequiredService<Kernel>().GetRequiredService<IChatCompletionService>().GetChatMessageContentAsync("warm-up");
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Model.DisposeAsync();
    }

    /// <summary>Sends a message as <paramref name="user"/> and returns the text of the next reply to them.</summary>
    public async Task<string> SayAsync(string user, string text)
    {
        var before = (await Bot.MessagesToAsync(user, 0, TimeSpan.Zero)).Count;
        await Bot.ControlAsync<CallbackDelivery>("app/text", new AppTextRequest(user, text));
        var messages = await Bot.MessagesToAsync(user, before + 1);
        Assert.True(messages.Count > before, $"no reply to「{text}」");
        var reply = messages[before];
        return reply.MsgType == "template_card"
            ? (reply.Payload.TryGetProperty("template_card", out var card) ? card : reply.Payload).GetProperty("sub_title_text").GetString()!
            : reply.Content!;
    }

    /// <summary>The classifiers do not understand it, so the model is asked; their own answer is the "didn't get that" help line.</summary>
    public const string Vague = "唉 随便吧";

    public const string RulesAnswer = "没太明白你的意思";

    /// <summary>Says <see cref="Vague"/>: the reply, how long it took and how many requests reached the model.</summary>
    public async Task<(string Reply, TimeSpan Took, int Requests)> SayVagueAsync(string user)
    {
        var seen = Model.Requests.Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reply = await SayAsync(user, Vague);
        return (reply, clock.Elapsed, Model.Requests.Count - seen);
    }

    public async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(Bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }
}

/// <summary>The same with a short timeout, for the tests that measure how fast the rules step in.</summary>
/// <remarks>Its tests fail the model on purpose; the breaker stays out of their way (<see cref="BreakerAssistantBot"/> tests it).</remarks>
public sealed class ImpatientAssistantBot() : AssistantBot(("Llm:TimeoutSeconds", "3"), ("Llm:BreakerMinimumRequests", "1000"))
{
    public const int Seconds = 3;
}

/// <summary>A breaker that opens once three requests (the warm-up among them) are half failed, and probes again after two seconds.</summary>
public sealed class BreakerAssistantBot() : AssistantBot(("Llm:TimeoutSeconds", "3"), ("Llm:BreakerMinimumRequests", "3"), ("Llm:BreakSeconds", "2"))
{
    /// <summary>What a message would wait for a model that is down if the breaker were not open.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
}
