namespace Bot.Sandbox.Emulator;

/// <summary>
/// Before any API call, the transfers whose 24 hours have passed on the emulator's clock end, as they would have on
/// their own in WeCom; those stopped by the taker's limit send transfer_fail to the bot.
/// </summary>
public sealed class TransfersDueFilter(TransferStore transfers, WeComCallbackSender callbacks) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        await SettleAsync(transfers, callbacks, context.HttpContext.RequestAborted);
        return await next(context);
    }

    public static async Task SettleAsync(TransferStore transfers, WeComCallbackSender callbacks, CancellationToken ct)
    {
        foreach (var stopped in transfers.Settle())
            await callbacks.SendTransferFailAsync(stopped.TakeoverUserId, stopped.ExternalUserId, "customer_limit_exceed", ct);
    }
}
