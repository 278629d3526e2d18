using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Bot.Conversations.Assistant;

/// <summary>How long one question to the model may take, every round and retry included.</summary>
public sealed record AssistantSettings(TimeSpan Timeout);

/// <summary>
/// The one door to the optional model: Semantic Kernel's chat completion service, whatever connector the host
/// put behind it. Every question gets a deadline; any failure — timeout, HTTP error, an open circuit breaker —
/// comes back as null, so the caller keeps the rules' answer. Never logs message text.
/// </summary>
public sealed class AssistantModel(Kernel kernel, AssistantSettings settings, ILogger<AssistantModel> logger)
{
    /// <summary>A kernel of its own for one question: its plugins and filters see only that question's state.</summary>
    public Kernel NewKernel() => kernel.Clone();

    /// <summary>
    /// The model's answer, with the functions of <paramref name="questionKernel"/> invoked automatically as the model
    /// calls them (its filters decide what runs and when the conversation ends), or null.
    /// </summary>
    public Task<ChatMessageContent?> AskAsync(string purpose, ChatHistory history, PromptExecutionSettings settingsForCall, Kernel questionKernel, CancellationToken ct) =>
        WithDeadlineAsync(purpose, async deadline =>
        {
            var service = questionKernel.GetRequiredService<IChatCompletionService>();
            return await service.GetChatMessageContentAsync(history, settingsForCall, questionKernel, deadline);
        }, ct);

    /// <summary>Plain text from the model, or null.</summary>
    public async Task<string?> WriteAsync(string purpose, ChatHistory history, PromptExecutionSettings settingsForCall, CancellationToken ct) =>
        (await AskAsync(purpose, history, settingsForCall, kernel, ct))?.Content;

    /// <summary>Settings any OpenAI-compatible connector understands, without naming one.</summary>
    public static PromptExecutionSettings Settings(double temperature, int? maxTokens = null, FunctionChoiceBehavior? functions = null)
    {
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = functions, ExtensionData = new Dictionary<string, object> { ["temperature"] = temperature } };
        if (maxTokens is { } max)
            settings.ExtensionData["max_tokens"] = max;
        return settings;
    }

    private async Task<T?> WithDeadlineAsync<T>(string purpose, Func<CancellationToken, Task<T?>> ask, CancellationToken ct) where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var answer = await ask(deadline.Token);
            logger.LogInformation("LLM {Purpose}: answered in {ElapsedMs} ms", purpose, Elapsed(started));
            return answer;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("LLM {Purpose}: no answer within {ElapsedMs} ms; the rules answer", purpose, Elapsed(started));
        }
        catch (HttpOperationException ex)
        {
            logger.LogWarning("LLM {Purpose}: endpoint failed with HTTP {Status} after {ElapsedMs} ms; the rules answer", purpose, (int?)ex.StatusCode, Elapsed(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type is enough to diagnose (an open breaker, a refused connection); messages may quote the model's output.
            logger.LogWarning("LLM {Purpose}: {Error} after {ElapsedMs} ms; the rules answer", purpose, Innermost(ex).GetType().Name, Elapsed(started));
        }
        return null;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
