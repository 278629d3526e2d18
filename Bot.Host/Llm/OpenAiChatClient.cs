using System.ClientModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using SdkChatMessage = OpenAI.Chat.ChatMessage;

namespace Bot.Host.Llm;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK's <see cref="ChatClient"/> (Microsoft.Extensions.AI.OpenAI does not
/// restore here). Maps text, tool declarations and tool calls both ways, and turns the SDK's HTTP errors into
/// <see cref="HttpRequestException"/> so the assistant needs no SDK type to tell a 429 from a timeout.
/// </summary>
public sealed class OpenAiChatClient(ChatClient chat) : IChatClient
{
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatCompletion completion;
        try
        {
            completion = (await chat.CompleteChatAsync(messages.Select(ToSdk), ToSdk(options), cancellationToken)).Value;
        }
        catch (ClientResultException ex)
        {
            throw new HttpRequestException($"model endpoint answered HTTP {ex.Status}", ex, ex.Status == 0 ? null : (System.Net.HttpStatusCode)ex.Status);
        }

        var contents = new List<AIContent>();
        contents.AddRange(completion.Content.Where(part => !string.IsNullOrEmpty(part.Text)).Select(part => new TextContent(part.Text)));
        contents.AddRange(completion.ToolCalls.Select(FromSdk));
        return new ChatResponse(new AiChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = completion.Model,
            ResponseId = completion.Id,
            FinishReason = completion.FinishReason switch
            {
                OpenAI.Chat.ChatFinishReason.ToolCalls => AiFinishReason.ToolCalls,
                OpenAI.Chat.ChatFinishReason.Length => AiFinishReason.Length,
                OpenAI.Chat.ChatFinishReason.ContentFilter => AiFinishReason.ContentFilter,
                _ => AiFinishReason.Stop,
            },
            Usage = completion.Usage is { } usage
                ? new UsageDetails { InputTokenCount = usage.InputTokenCount, OutputTokenCount = usage.OutputTokenCount, TotalTokenCount = usage.TotalTokenCount }
                : null,
        };
    }

    /// <summary>The assistant waits for whole answers (a tool call is only usable complete), so streaming is not offered.</summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<AiChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The assistant uses whole responses only.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static SdkChatMessage ToSdk(AiChatMessage message)
    {
        if (message.Role == ChatRole.System)
            return new SystemChatMessage(message.Text);
        if (message.Role == ChatRole.Tool)
        {
            var result = message.Contents.OfType<FunctionResultContent>().Single();
            var text = result.Result switch
            {
                string plain => plain,
                JsonElement { ValueKind: JsonValueKind.String } json => json.GetString()!,
                var other => JsonSerializer.Serialize(other),
            };
            return new ToolChatMessage(result.CallId, text);
        }
        if (message.Role == ChatRole.Assistant)
        {
            var calls = message.Contents.OfType<FunctionCallContent>()
                .Select(c => ChatToolCall.CreateFunctionToolCall(c.CallId, c.Name, BinaryData.FromObjectAsJson(c.Arguments ?? new Dictionary<string, object?>())))
                .ToList();
            return calls.Count > 0 ? new AssistantChatMessage(calls) : new AssistantChatMessage(message.Text);
        }
        return new UserChatMessage(message.Text);
    }

    private static ChatCompletionOptions ToSdk(ChatOptions? options)
    {
        var sdk = new ChatCompletionOptions { Temperature = options?.Temperature, MaxOutputTokenCount = options?.MaxOutputTokens };
        foreach (var tool in options?.Tools?.OfType<AIFunctionDeclaration>() ?? [])
            sdk.Tools.Add(ChatTool.CreateFunctionTool(tool.Name, tool.Description, BinaryData.FromString(tool.JsonSchema.GetRawText())));
        if (sdk.Tools.Count > 0)
        {
            sdk.ToolChoice = options?.ToolMode switch
            {
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                _ => ChatToolChoice.CreateAutoChoice(),
            };
        }
        return sdk;
    }

    /// <summary>Arguments that are not a JSON object stay visible as <see cref="FunctionCallContent.Exception"/>: a malformed call.</summary>
    private static FunctionCallContent FromSdk(ChatToolCall call)
    {
        var content = new FunctionCallContent(call.Id, call.FunctionName);
        try
        {
            using var json = JsonDocument.Parse(call.FunctionArguments.ToMemory());
            if (json.RootElement.ValueKind != JsonValueKind.Object)
                throw new JsonException("tool arguments are not a JSON object");
            content.Arguments = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        }
        catch (JsonException ex)
        {
            content.Exception = ex;
        }
        return content;
    }
}
