using System.Reflection;
using Bot.Conversations.Team;
using Bot.Sandbox.Emulator;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox;

/// <summary>
/// The sandbox chat page (/sandbox) and the one lookup it needs besides the emulator's control API. The page's
/// files are embedded in the assembly so `dotnet Bot.Sandbox.dll` serves them from any working directory.
/// </summary>
public static class SandboxPageEndpoints
{
    /// <summary>A member as the page lists it; <see cref="Manager"/> is the manager's WeCom userid.</summary>
    public sealed record SandboxUser(string UserId, string Name, string Role, string? Manager);

    /// <summary>The time to jump to; null goes back to the real time.</summary>
    public sealed record ClockMove(DateTimeOffset? At);

    private static readonly Dictionary<string, string> Assets = new()
    {
        ["sandbox.css"] = "text/css; charset=utf-8",
        ["sandbox.js"] = "text/javascript; charset=utf-8",
    };

    public static void MapSandboxPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/sandbox").AddEndpointFilter<LoopbackOnly>();
        // The emulator's path prefix is configurable, so the page learns where its control API is from the host.
        page.MapGet("", (IOptions<WeComEmulatorOptions> emulator) =>
            Results.Content(ReadText("index.html").Replace("{{control}}", emulator.Value.PathPrefix + "/control/", StringComparison.Ordinal),
                "text/html; charset=utf-8"));
        page.MapGet("/{file}", (string file) =>
            Assets.TryGetValue(file, out var type) ? Results.Stream(Open(file), type) : Results.NotFound());
        page.MapGet("/api/users", async (IUserDirectory users, CancellationToken ct) =>
        {
            var active = await users.ListActiveAsync(ct);
            var userIds = active.ToDictionary(u => u.Id, u => u.WeComUserId);
            return Results.Ok(active.Select(u => new SandboxUser(u.WeComUserId, u.Name, u.Role.Code(),
                u.ManagerId is { } id ? userIds.GetValueOrDefault(id) : null)));
        });
        page.MapGet("/api/waiting", async (Bot.Data.Messaging.OutboxStore outbox, CancellationToken ct) =>
            (await outbox.WaitingAsync(ct)).Select(w => new { why = w.Why, count = w.Count, until = new DateTimeOffset(w.Until, TimeSpan.Zero) }));
        page.MapGet("/api/clock", (Clock.SimulatedTime time, CancellationToken ct) => time.StateAsync(ct));
        page.MapPost("/api/clock", async (ClockMove move, Clock.SimulatedTime time, CancellationToken ct) =>
        {
            var ran = await time.MoveAsync(move.At, ct);
            return Results.Ok(new { state = await time.StateAsync(ct), ran });
        });
    }

    private static Stream Open(string file) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("Sandbox.Page." + file)
        ?? throw new InvalidOperationException($"Sandbox page file {file} is not embedded in Bot.Sandbox.dll.");

    private static string ReadText(string file)
    {
        using var reader = new StreamReader(Open(file));
        return reader.ReadToEnd();
    }
}
