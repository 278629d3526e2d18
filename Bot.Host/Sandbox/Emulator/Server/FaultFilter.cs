namespace Bot.Sandbox.Emulator;

/// <summary>Applies the injected faults before the token check, so any endpoint can fail any way.</summary>
public sealed class FaultFilter(FaultInjector faults) : IEndpointFilter
{
    private const string ApiRoot = "/cgi-bin/";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var decision = faults.Next(ApiPath(http.Request.Path));
        if (decision.LatencyMs > 0 && !decision.LatencyAfterHandling)
            await Task.Delay(decision.LatencyMs, http.RequestAborted);
        // The wall clock, not the sandbox's simulated one: a real WeCom's Date header tells real time.
        if (decision.DateOffsetSeconds != 0)
            http.Response.Headers.Date = DateTimeOffset.UtcNow.AddSeconds(decision.DateOffsetSeconds).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        switch (decision.Kind)
        {
            case FaultKind.Drop:
                http.Abort();
                return Results.Empty;
            case FaultKind.DropAfterHandling:
                await next(context);
                http.Abort();
                return Results.Empty;
            case FaultKind.Http500:
                return Results.Text("Internal Server Error (emulated)", "text/plain", statusCode: StatusCodes.Status500InternalServerError);
            case FaultKind.Errcode:
                return WeComResults.Error(decision.Errcode, errmsg: decision.Errmsg ?? (decision.Errcode == EmulatorErrors.IpNotAllowed
                    ? EmulatorErrors.IpNotAllowedMessage(http.Connection.RemoteIpAddress?.ToString())
                    : null));
            case FaultKind.None when decision.LatencyAfterHandling:
                var result = await next(context);
                await Task.Delay(decision.LatencyMs, http.RequestAborted);
                return result;
            default:
                return await next(context);
        }
    }

    public static string ApiPath(PathString path)
    {
        var value = path.Value ?? "";
        var index = value.IndexOf(ApiRoot, StringComparison.Ordinal);
        return index < 0 ? value.Trim('/') : value[(index + ApiRoot.Length)..].Trim('/');
    }
}
