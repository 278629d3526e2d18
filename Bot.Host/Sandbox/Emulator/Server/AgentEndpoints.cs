using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>agent/get: the app's own settings, of which the bot's doctor reads the visible range.</summary>
public static class AgentEndpoints
{
    public static void MapAgentEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGet("agent/get", (int? agentid, AgentStore agent, IOptions<WeComEmulatorOptions> options) =>
        {
            // A token answers only for the app that issued it; any other agentid is refused as WeCom does.
            if (agentid != options.Value.AgentId)
                return WeComResults.Error(EmulatorErrors.InvalidAgentId);
            var range = agent.Range;
            return WeComResults.Ok(new
            {
                Agentid = agentid,
                Name = "销售助手",
                SquareLogoUrl = "",
                Description = "",
                AllowUserinfos = new { User = range.UserIds.Select(u => new { Userid = u }) },
                AllowPartys = new { Partyid = range.PartyIds },
                AllowTags = new { Tagid = Array.Empty<int>() },
                Close = 0,
                RedirectDomain = "",
                ReportLocationFlag = 0,
                Isreportenter = 1,
                HomeUrl = "",
            });
        });
}
