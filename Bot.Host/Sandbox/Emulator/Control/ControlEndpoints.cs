namespace Bot.Sandbox.Emulator;

/// <summary>The control API (camelCase JSON) for tests, the sandbox chat page and the benchmark.</summary>
public static class ControlEndpoints
{
    public static void MapControlEndpoints(this IEndpointRouteBuilder control)
    {
        control.MapPost("reset", (WeComEmulatorState state) =>
        {
            state.Reset();
            return Results.NoContent();
        });
        control.MapPost("tokens/expire", (TokenStore tokens) =>
        {
            tokens.ExpireAll();
            return Results.NoContent();
        });

        control.MapGet("messages", (MessageStore messages, string? touser, long? sinceId) => Json(messages.Messages(touser, sinceId ?? 0)));
        control.MapGet("messages/dropped", (MessageStore messages, string? touser, long? sinceId) => Json(messages.Messages(touser, sinceId ?? 0, dropped: true)));
        control.MapGet("card-updates", (MessageStore messages, long? sinceId) => Json(messages.Updates(sinceId ?? 0)));
        control.MapGet("media", (MediaStore media) => Json(media.List()));
        // What the member's phone shows for a delivered picture or file: the uploaded bytes under the uploaded name.
        control.MapGet("media/{mediaId}", (string mediaId, MediaStore media) => media.Content(mediaId) is var (stored, content)
            ? Results.File(content, ContentType(stored.Type, content), stored.FileName)
            : Results.NotFound());
        control.MapGet("aibot/replies", (AiBotReplyStore replies, long? sinceId) => Json(replies.Replies(sinceId ?? 0)));

        // An admin changing the app's 可见范围 in the console.
        control.MapPut("agent/visible-range", (VisibleRange range, AgentStore agent) =>
        {
            agent.Range = range;
            return Results.NoContent();
        });

        control.MapGet("faults", (FaultInjector faults) => Json(faults.List()));
        control.MapPost("faults", (FaultRule rule, FaultInjector faults) => Json(faults.Add(rule)));
        control.MapDelete("faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapDelete("faults/{id:int}", (int id, FaultInjector faults) => faults.Remove(id) ? Results.NoContent() : Results.NotFound());

        control.MapContactControl();
        control.MapTransferControl();
        control.MapChatControl();
    }

    internal static IResult Json<T>(T value) => Results.Json(value, EmulatorJson.Control);

    private static string ContentType(string type, byte[] content) => type switch
    {
        "image" when ImageBytes.IsPng(content) => "image/png",
        "image" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
