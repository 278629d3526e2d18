using Bot.Host.WeCom.Emulator;
using Bot.Tests.Fixtures;
using Dapper;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.Tests.Assistant;

/// <summary>
/// The live bot with the demo company and a model configured: the fake OpenAI-compatible server, reached by the
/// real OpenAI SDK over HTTP. Tests in one class share it and take turns (xunit runs a class's tests in order).
/// The timeout is generous, so a loaded machine never turns a scripted answer into a fallback.
/// </summary>
public class AssistantBot : IAsyncLifetime
{
    private readonly int _timeoutSeconds;

    public AssistantBot()
        : this(15)
    {
    }

    protected AssistantBot(int timeoutSeconds) => _timeoutSeconds = timeoutSeconds;

    public FakeOpenAiServer Model { get; private set; } = null!;

    public LiveBot Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await FakeOpenAiServer.StartAsync();
        Bot = await LiveBot.StartWithDemoCompanyAsync(
            ("Llm:Endpoint", Model.Endpoint), ("Llm:Model", "fake-model"), ("Llm:ApiKey", "sk-test"),
            ("Llm:TimeoutSeconds", _timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        // One call before the tests, so the SDK's first-use cost never eats into a test's time limit.
        await Bot.Services.GetRequiredService<IChatClient>().GetResponseAsync("warm-up");
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

    public async Task<T?> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(Bot.ConnectionString);
        return await connection.ExecuteScalarAsync<T>(sql, args);
    }
}

/// <summary>The same with a short timeout, for the tests that measure how fast the rules step in.</summary>
public sealed class ImpatientAssistantBot() : AssistantBot(Seconds)
{
    public const int Seconds = 3;
}
