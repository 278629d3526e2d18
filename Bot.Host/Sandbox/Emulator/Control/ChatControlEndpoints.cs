namespace Bot.Sandbox.Emulator;

/// <summary>A member talking to the bot: through the app (XML callbacks) or to the AI bot (JSON, streamed).</summary>
public static class ChatControlEndpoints
{
    public static void MapChatControl(this IEndpointRouteBuilder control)
    {
        control.MapPost("app/text", async (AppTextRequest request, WeComCallbackSender callbacks, CancellationToken ct) =>
            ControlEndpoints.Json(await callbacks.SendTextAsync(request.UserId, request.Content, ct)));
        control.MapPost("app/voice", async (AppVoiceRequest request, WeComCallbackSender callbacks, CancellationToken ct) =>
            ControlEndpoints.Json(await callbacks.SendVoiceAsync(request.UserId, request.MediaId, request.Format, ct)));
        control.MapPost("app/enter-agent", async (MemberRequest request, WeComCallbackSender callbacks, CancellationToken ct) =>
            ControlEndpoints.Json(await callbacks.SendEnterAgentAsync(request.UserId, ct)));
        control.MapPost("app/card-click", async (CardClickRequest request, MessageStore messages, WeComCallbackSender callbacks, CancellationToken ct) =>
        {
            var responseCode = messages.IssueResponseCode(request.TaskId);
            var delivery = await callbacks.SendTemplateCardEventAsync(request.UserId, request.TaskId, request.EventKey, responseCode, request.CardType, ct);
            return ControlEndpoints.Json(new CardClickResponse(responseCode, delivery));
        });
        control.MapPost("app/verify-url", async (WeComCallbackSender callbacks, CancellationToken ct) =>
            ControlEndpoints.Json(await callbacks.VerifyUrlAsync(ct)));

        control.MapPost("aibot/message", async (AiBotMessageRequest request, AiBotCallbackSender aiBot, CancellationToken ct) =>
            ControlEndpoints.Json(request.Voice
                ? await aiBot.SendVoiceAsync(request.UserId, request.Content, request.ChatId, ct)
                : await aiBot.SendTextAsync(request.UserId, request.Content, request.ChatId, ct)));
        control.MapPost("aibot/enter-chat", async (MemberRequest request, AiBotCallbackSender aiBot, CancellationToken ct) =>
            ControlEndpoints.Json(await aiBot.SendEnterChatAsync(request.UserId, ct)));
        control.MapPost("aibot/verify-url", async (AiBotCallbackSender aiBot, CancellationToken ct) =>
            ControlEndpoints.Json(await aiBot.VerifyUrlAsync(ct)));
    }
}
