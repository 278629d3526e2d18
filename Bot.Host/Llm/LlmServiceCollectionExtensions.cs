using System.ClientModel;
using System.ClientModel.Primitives;
using Bot.Conversations;
using Bot.Conversations.Assistant;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;

namespace Bot.Host.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// The optional language model, registered only when <c>Llm:Endpoint</c> is set; otherwise nothing is added and
    /// the rules and templates answer exactly as before.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (!options.Enabled)
            return services;

        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IChatClient>(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var chat = new ChatClient(llm.Model, new ApiKeyCredential(llm.ApiKey.Length > 0 ? llm.ApiKey : NoKey), new OpenAIClientOptions
            {
                Endpoint = new Uri(llm.Endpoint),
                NetworkTimeout = TimeSpan.FromSeconds(llm.TimeoutSeconds),
                // 429 and 5xx: one retry after the SDK's backoff (Retry-After when the server sends one); the
                // assistant's deadline still bounds the whole question.
                RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
            });
            return new OpenAiChatClient(chat);
        });
        services.AddAssistant(new AssistantSettings(TimeSpan.FromSeconds(options.TimeoutSeconds)));
        return services;
    }

    // Local servers (Ollama, vLLM without --api-key) ignore the header, but the SDK requires a credential.
    private const string NoKey = "none";
}
