using Microsoft.Extensions.Options;

namespace Bot.Conversations.Care;

/// <summary>A template with a typo must stop the host at start, not greet a customer with "{nmae}".</summary>
public sealed class CareOptionsValidator : IValidateOptions<CareOptions>
{
    public ValidateOptionsResult Validate(string? name, CareOptions options)
    {
        var problems = CareTemplates.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
