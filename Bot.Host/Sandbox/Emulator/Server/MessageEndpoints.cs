using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>message/send and message/update_template_card.</summary>
public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapPost("message/send", Send);
        api.MapPost("message/update_template_card", UpdateTemplateCard);
    }

    private static async Task<IResult> Send(
        HttpRequest request, MessageStore messages, MediaStore media, IOptions<WeComEmulatorOptions> options, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        error = MessageSendRequest.TryParse(body, options.Value.AgentId, messages, media, out var message);
        if (message is null)
            return WeComResults.Error(error);
        // Messages over the per-recipient limit are captured as dropped and still answered with errcode 0: WeCom's trap.
        var outcome = messages.Send(message);
        return WeComResults.Ok(new
        {
            Invaliduser = "",
            Invalidparty = "",
            Invalidtag = "",
            Unlicenseduser = "",
            Msgid = outcome.MsgId,
            outcome.ResponseCode,
        });
    }

    private static async Task<IResult> UpdateTemplateCard(HttpRequest request, MessageStore messages, IOptions<WeComEmulatorOptions> options, CancellationToken ct)
    {
        var (body, error) = await WeComRequestBody.ReadAsync(request, ct);
        if (body is null)
            return WeComResults.Error(error);
        if (body.GetNumber("agentid") != options.Value.AgentId)
            return WeComResults.Error(EmulatorErrors.InvalidAgentId);
        var responseCode = body.GetText("response_code");
        var replaceName = (body["button"] as JsonObject)?.GetText("replace_name");
        var card = body["template_card"] as JsonObject;
        if (string.IsNullOrEmpty(responseCode) || (replaceName is null && card is null))
            return WeComResults.Error(EmulatorErrors.MissingParameter);
        JsonElement? cardSnapshot = card is null ? null : JsonSerializer.SerializeToElement(card, EmulatorJson.WeCom);
        var update = messages.UpdateCard(responseCode, body.GetTexts("userids"), replaceName, cardSnapshot);
        return update is null
            ? WeComResults.Error(EmulatorErrors.InvalidParameter, errmsg: "invalid response_code: unknown, expired or already used, hint: [emulator]")
            : WeComResults.Ok(new { Invaliduser = Array.Empty<string>() });
    }
}
