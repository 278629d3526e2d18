using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

public static class TokenEndpoints
{
    public static void MapTokenEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("gettoken", (string? corpid, string? corpsecret, TokenStore tokens, IOptions<WeComEmulatorOptions> options) =>
        {
            if (corpid != options.Value.CorpId)
                return WeComResults.Error(EmulatorErrors.InvalidCorpId);
            if (corpsecret != options.Value.CorpSecret)
                return WeComResults.Error(EmulatorErrors.InvalidSecret);
            var (token, expiresIn) = tokens.Issue();
            return WeComResults.Ok(new { AccessToken = token, ExpiresIn = expiresIn });
        });
}
