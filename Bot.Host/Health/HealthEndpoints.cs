using Bot.Conversations.Operations;

namespace Bot.Host.Health;

public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/readyz", async (IStorageProbes probes, CancellationToken ct) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ProbeTimeout);
            var postgres = probes.DatabaseReachableAsync(timeout.Token);
            var cache = probes.RedisReachableAsync().WaitAsync(ProbeTimeout, ct);
            var (pgOk, redisOk) = (await Safe(postgres), await Safe(cache));
            var body = new { postgres = pgOk ? "ok" : "down", redis = redisOk ? "ok" : "down" };
            return pgOk && redisOk ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    private static async Task<bool> Safe(Task<bool> probe)
    {
        try
        {
            return await probe;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }
}
