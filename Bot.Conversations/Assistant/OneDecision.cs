using Microsoft.SemanticKernel;

namespace Bot.Conversations.Assistant;

/// <summary>
/// Ends the model's turn at its first intent call, accepted or refused: the model decides once, the bot acts on it.
/// A look-up may precede it, within <see cref="MaxRounds"/> requests.
/// </summary>
public sealed class OneDecision : IAutoFunctionInvocationFilter
{
    public const int MaxRounds = 3;

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        await next(context);
        if (context.Function.PluginName == IntentFunctions.Plugin || context.RequestSequenceIndex + 1 >= MaxRounds)
            context.Terminate = true;
    }
}
