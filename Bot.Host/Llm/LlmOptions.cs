using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Bot.Host.Llm;

/// <summary>
/// The optional model behind the assistant: any service speaking the OpenAI Chat Completions protocol (DeepSeek,
/// Qwen through DashScope's compatible mode, GLM, Kimi, a private vLLM or Ollama). Off while Endpoint is empty.
/// </summary>
public sealed partial class LlmOptions : IValidatableObject
{
    public const string Section = "Llm";

    /// <summary>The API root including its version segment (…/v1); the SDK appends <c>chat/completions</c>.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Empty for local servers that need none (Ollama, vLLM without --api-key).</summary>
    public string ApiKey { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>
    /// How long one request to the model may take before it counts as failed; a whole question (a look-up round and a
    /// retry included) gets one second more, then the rules answer instead.
    /// </summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The circuit breaker opens once at least this many requests in 30 s were made and half of them failed.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumRequests { get; set; } = 4;

    /// <summary>How long an open breaker sends nothing to the model (the rules answer at once) before one request probes it.</summary>
    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 30;

    public bool Enabled => Endpoint.Length > 0;

    // GLM serves its compatible API under /v4, everyone else under /v1.
    [GeneratedRegex(@"/v\d+/?$")]
    private static partial Regex VersionSegment();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
            yield break;
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult("Llm:Endpoint must be an http(s) URL such as https://api.deepseek.com/v1", [nameof(Endpoint)]);
        else if (!VersionSegment().IsMatch(uri.AbsolutePath))
            yield return new ValidationResult("Llm:Endpoint must end in its version segment, e.g. …/v1 (the connector appends chat/completions)", [nameof(Endpoint)]);
        if (string.IsNullOrWhiteSpace(Model))
            yield return new ValidationResult("Llm:Model is required when Llm:Endpoint is set", [nameof(Model)]);
    }
}
