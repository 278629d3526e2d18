namespace Bot.Sandbox.Emulator;

/// <summary>客户继承: transfer_customer and transfer_result, for serving members and (resigned/…) for those who left.</summary>
public static class TransferEndpoints
{
    /// <summary>transfer_result pages hold at most 1000 customers.</summary>
    private const int ResultPage = 1000;

    private const int SuccessMessageLimit = 200;

    public static void MapTransferEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("externalcontact/transfer_customer", (HttpRequest request, TransferStore transfers, CancellationToken ct) => StartAsync(request, transfers, false, ct));
        api.MapPost("externalcontact/resigned/transfer_customer", (HttpRequest request, TransferStore transfers, CancellationToken ct) => StartAsync(request, transfers, true, ct));
        api.MapPost("externalcontact/transfer_result", (HttpRequest request, TransferStore transfers, CancellationToken ct) => ResultAsync(request, transfers, false, ct));
        api.MapPost("externalcontact/resigned/transfer_result", (HttpRequest request, TransferStore transfers, CancellationToken ct) => ResultAsync(request, transfers, true, ct));
    }

    private static async Task<IResult> StartAsync(HttpRequest request, TransferStore transfers, bool resigned, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        if (!resigned && body.GetText("transfer_success_msg") is { Length: > SuccessMessageLimit })
            return WeComResults.Error(EmulatorErrors.InvalidParameter, errmsg: "transfer_success_msg exceeds 200 characters, hint: [emulator]");
        var started = transfers.Start(body.GetText("handover_userid"), body.GetText("takeover_userid"), body.GetTexts("external_userid"), resigned);
        return started.Errcode != 0
            ? WeComResults.Error(started.Errcode)
            : WeComResults.Ok(new { Customer = started.Customers.Select(c => new { ExternalUserid = c.ExternalUserId, c.Errcode }) });
    }

    private static async Task<IResult> ResultAsync(HttpRequest request, TransferStore transfers, bool resigned, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        if (body.GetText("handover_userid") is not { Length: > 0 } handover || body.GetText("takeover_userid") is not { Length: > 0 } takeover)
            return WeComResults.Error(EmulatorErrors.InvalidUserId);
        var rows = transfers.Between(handover, takeover, resigned)
            .Select(t => new { ExternalUserid = t.ExternalUserId, t.Status, TakeoverTime = t.TakeoverTime?.ToUnixTimeSeconds() ?? 0 })
            .ToList();
        if (!CursorPage.TrySlice(rows, body.GetText("cursor"), ResultPage, out var page, out var next))
            return WeComResults.Error(EmulatorErrors.InvalidParameter);
        return WeComResults.Ok(new { Customer = page, NextCursor = next });
    }
}
