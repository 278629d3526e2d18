namespace Bot.Sandbox.Emulator;

/// <summary>What happens to a customer transfer outside the API: the customer refuses it, the taker is full, a member leaves.</summary>
public static class TransferControlEndpoints
{
    public static void MapTransferControl(this IEndpointRouteBuilder control)
    {
        control.MapGet("transfers", async (TransferStore transfers, WeComCallbackSender callbacks, CancellationToken ct) =>
        {
            await TransfersDueFilter.SettleAsync(transfers, callbacks, ct);
            return ControlEndpoints.Json(transfers.All());
        });

        // The customer taps 拒绝 in WeChat: they stay with the old member, and WeCom tells the bot.
        control.MapPost("transfers/refuse", async (RefuseTransferRequest request, TransferStore transfers, WeComCallbackSender callbacks, CancellationToken ct) =>
        {
            if (transfers.Refuse(request.ExternalUserId) is not { } refused)
                return Results.NotFound();
            var delivery = await callbacks.SendTransferFailAsync(refused.TakeoverUserId, refused.ExternalUserId, "customer_refused", ct);
            return ControlEndpoints.Json(new RefuseTransferResponse(refused, delivery));
        });

        control.MapPost("transfers/limit", (TransferLimitRequest request, TransferStore transfers) =>
        {
            transfers.SetAtLimit(request.UserId, request.AtLimit);
            return Results.NoContent();
        });

        control.MapPost("members/resign", (MemberRequest request, TransferStore transfers) =>
        {
            transfers.Resign(request.UserId);
            return Results.NoContent();
        });
    }
}
