using System.Text.Json;

namespace Bot.Sandbox.Emulator;

/// <summary>The response_url the AI bot callbacks carry: the bot's active (non-streamed) reply goes here.</summary>
public static class AiBotResponseEndpoints
{
    public const string Route = "aibot/response";

    public static void MapAiBotResponseEndpoints(this IEndpointRouteBuilder emulator) =>
        emulator.MapPost(Route + "/{code}", async (string code, HttpRequest request, AiBotReplyStore replies, CancellationToken ct) =>
        {
            var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
            if (body is null)
                return WeComResults.Error(error);
            var msgType = body.GetText("msgtype");
            if (msgType is not ("markdown" or "template_card"))
                return WeComResults.Error(EmulatorErrors.InvalidMessageType);
            return replies.Use(code, JsonSerializer.SerializeToElement(body, EmulatorJson.WeCom)) is null
                ? WeComResults.Error(EmulatorErrors.InvalidParameter, errmsg: "response_url expired or already used, hint: [emulator]")
                : WeComResults.Ok();
        });
}
