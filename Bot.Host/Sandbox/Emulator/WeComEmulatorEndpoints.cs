using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

public static class WeComEmulatorEndpoints
{
    /// <summary>
    /// Maps the fake WeCom API under <c>{PathPrefix}/cgi-bin/</c>, the control API under <c>{PathPrefix}/control/</c>
    /// and the AI bot's response_url; maps nothing unless <see cref="WeComEmulatorOptions.Enabled"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapWeComEmulator(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<WeComEmulatorOptions>>().Value;
        if (!options.Enabled)
            return app;
        var emulator = app.MapGroup(options.PathPrefix).AddEndpointFilter<Sandbox.LoopbackOnly>();

        var api = emulator.MapGroup("/cgi-bin").AddEndpointFilter<FaultFilter>();
        api.MapTokenEndpoints();
        var secured = api.MapGroup("").AddEndpointFilter<TokenFilter>().AddEndpointFilter<TransfersDueFilter>();
        secured.MapMessageEndpoints();
        secured.MapExternalContactEndpoints();
        secured.MapTransferEndpoints();
        secured.MapMediaEndpoints();
        secured.MapAgentEndpoints();

        emulator.MapAiBotResponseEndpoints();
        emulator.MapGroup("/control").MapControlEndpoints();
        return app;
    }
}
