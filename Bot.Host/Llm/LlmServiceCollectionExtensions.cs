using System.Net;
using Bot.Conversations;
using Bot.Conversations.Assistant;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Polly;

namespace Bot.Host.Llm;

public static class LlmServiceCollectionExtensions
{
    private const string HttpClientName = "llm";

    /// <summary>
    /// The optional language model, registered only when <c>Llm:Endpoint</c> is set; otherwise nothing is added and
    /// the rules and templates answer exactly as before. A Semantic Kernel <see cref="Kernel"/> with the OpenAI
    /// connector pointed at the configured endpoint, over an HttpClient whose resilience pipeline retries once,
    /// times each request out and breaks the circuit while the model is down.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(LlmOptions.Section).Get<LlmOptions>() ?? new LlmOptions();
        if (!options.Enabled)
            return services;

        services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ModelUsage>();
        services.AddTransient<ModelUsageHandler>();
        var http = services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler(HttpClientName, (pipeline, context) => Resilience(pipeline, context.ServiceProvider.GetRequiredService<IOptions<LlmOptions>>().Value));
        // Inside the pipeline: one log line and count per attempt.
        http.AddHttpMessageHandler<ModelUsageHandler>();
        services.AddSingleton(sp =>
        {
            var llm = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            var builder = Kernel.CreateBuilder();
            builder.AddOpenAIChatCompletion(llm.Model, new Uri(llm.Endpoint), llm.ApiKey.Length > 0 ? llm.ApiKey : NoKey, httpClient: http);
            return builder.Build();
        });
        services.AddAssistant(new AssistantSettings(TimeSpan.FromSeconds(options.TimeoutSeconds + 1)));
        return services;
    }

    // Local servers (Ollama, vLLM without --api-key) ignore the header, but the connector requires a key.
    private const string NoKey = "none";

    /// <summary>
    /// Outermost first: one retry of a 429, 5xx or refused connection (after Retry-After when the server sends one),
    /// never of a timeout; the breaker counts every failed attempt, timeouts included; each attempt has the configured timeout.
    /// </summary>
    private static void Resilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LlmOptions llm)
    {
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 1,
            BackoffType = DelayBackoffType.Constant,
            Delay = TimeSpan.FromMilliseconds(500),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException } => true,
                { Result: { } response } => response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
                _ => false,
            }),
        });
        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = llm.BreakerMinimumRequests,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(llm.BreakSeconds),
        });
        pipeline.AddTimeout(TimeSpan.FromSeconds(llm.TimeoutSeconds));
    }
}
