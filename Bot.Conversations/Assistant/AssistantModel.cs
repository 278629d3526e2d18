using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Bot.Conversations.Assistant;

/// <summary>How long one question to the model may take, every round and retry included.</summary>
public sealed record AssistantSettings(TimeSpan Timeout);

/// <summary>
/// The one door to the optional model. Every question gets a deadline; any failure — timeout, HTTP error,
/// a malformed or unknown tool call — comes back as null, so the caller keeps the rules' answer. Each call is
/// logged with its latency and token counts, never with message text.
/// </summary>
public sealed class AssistantModel(IChatClient chat, AssistantSettings settings, ILogger<AssistantModel> logger)
{
    private const int MaxRounds = 3;

    /// <summary>
    /// Our own small tool loop (Microsoft.Extensions.AI's does not restore here): functions the model may run
    /// (<see cref="AIFunction"/>, e.g. a customer lookup) are run and their results sent back; the first call of a
    /// declaration-only tool is the model's decision and is returned as it is.
    /// </summary>
    public async Task<FunctionCallContent?> DecideAsync(string purpose, IList<ChatMessage> messages, ChatOptions options, CancellationToken ct)
    {
        var tools = (options.Tools ?? []).ToDictionary(t => t.Name);
        return await WithDeadlineAsync(purpose, async deadline =>
        {
            for (var round = 1; round <= MaxRounds; round++)
            {
                var response = await CallAsync(purpose, messages, options, deadline);
                var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
                if (calls.Count == 0)
                    return Declined(purpose);
                if (calls.Any(c => c.Exception is not null || !tools.ContainsKey(c.Name)))
                    return Malformed(purpose);
                if (calls.FirstOrDefault(c => tools[c.Name] is not AIFunction) is { } decision)
                    return decision;

                messages.Add(new ChatMessage(ChatRole.Assistant, [.. calls]));
                foreach (var call in calls)
                {
                    var result = await ((AIFunction)tools[call.Name]).InvokeAsync(new AIFunctionArguments(call.Arguments), deadline);
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
                }
            }
            logger.LogWarning("LLM {Purpose}: no decision after {Rounds} rounds; the rules answer", purpose, MaxRounds);
            return null;
        }, ct);
    }

    /// <summary>Plain text from the model, or null.</summary>
    public Task<string?> WriteAsync(string purpose, IList<ChatMessage> messages, ChatOptions options, CancellationToken ct) =>
        WithDeadlineAsync(purpose, async deadline => (await CallAsync(purpose, messages, options, deadline)).Text, ct);

    private async Task<T?> WithDeadlineAsync<T>(string purpose, Func<CancellationToken, Task<T?>> ask, CancellationToken ct) where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(settings.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await ask(deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("LLM {Purpose}: no answer within {ElapsedMs} ms; the rules answer", purpose, Elapsed(started));
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("LLM {Purpose}: endpoint failed with HTTP {Status} after {ElapsedMs} ms; the rules answer", purpose, (int?)ex.StatusCode, Elapsed(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type is enough to diagnose; exception messages may quote the model's output.
            logger.LogWarning("LLM {Purpose}: {Error} after {ElapsedMs} ms; the rules answer", purpose, ex.GetType().Name, Elapsed(started));
        }
        return null;
    }

    private async Task<ChatResponse> CallAsync(string purpose, IList<ChatMessage> messages, ChatOptions options, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await chat.GetResponseAsync(messages, options, ct);
        logger.LogInformation("LLM {Purpose}: {Model} answered in {ElapsedMs} ms, tokens in {InputTokens} out {OutputTokens}",
            purpose, response.ModelId, Elapsed(started), response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
        return response;
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private FunctionCallContent? Declined(string purpose)
    {
        logger.LogInformation("LLM {Purpose}: the model chose no tool; the rules answer", purpose);
        return null;
    }

    private FunctionCallContent? Malformed(string purpose)
    {
        logger.LogWarning("LLM {Purpose}: malformed or unknown tool call; the rules answer", purpose);
        return null;
    }
}
