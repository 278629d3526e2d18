using Bot.Conversations.Customers;
using Bot.Conversations.Team;
using Bot.Conversations.Understanding;
using Microsoft.SemanticKernel;

namespace Bot.Conversations.Assistant;

/// <summary>
/// The scope and validation checks, as a Semantic Kernel function-invocation filter on one question's kernel: a call
/// for a colleague's customer, an unknown customer, a past follow-up or a malformed argument is refused before its
/// function runs, and nothing reaches a handler. An accepted call leaves its checked reading in <see cref="Reading"/>.
/// </summary>
public sealed class ReadingGate(string raw, ParsedMessage byRules, UserScope scope, DateTimeOffset now, CustomerDirectory.View view) : IFunctionInvocationFilter
{
    public ParsedMessage? Reading { get; private set; }

    /// <summary>Why the model's last decision was refused, for the log.</summary>
    public string? Refused { get; private set; }

    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        if (context.Function.PluginName != IntentFunctions.Plugin)
        {
            await next(context);
            return;
        }
        var outcome = ModelReading.From(context.Function.Name, context.Arguments, raw, byRules, scope, now, view);
        if (outcome.Rejected is { } why)
        {
            Refused = why;
            context.Result = new FunctionResult(context.Function, "不能这样理解：" + why);
            return;
        }
        Reading = outcome.Reading;
        await next(context);
    }
}
