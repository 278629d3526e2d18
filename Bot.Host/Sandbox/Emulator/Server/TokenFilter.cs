namespace Bot.Sandbox.Emulator;

/// <summary>Every API but gettoken needs a live access_token: 41001 missing, 40014 unknown, 42001 expired.</summary>
public sealed class TokenFilter(TokenStore tokens) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var error = tokens.Check(context.HttpContext.Request.Query["access_token"].ToString());
        return error == 0 ? await next(context) : WeComResults.Error(error);
    }
}
