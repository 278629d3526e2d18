namespace Bot.Conversations.Pipeline;

/// <summary>Shares API tokens (WeCom's access_token) between hosts so they do not refresh each other's away.</summary>
public interface ITokenCache
{
    Task<string?> GetAsync(string name, CancellationToken ct);

    Task SetAsync(string name, string token, TimeSpan timeToLive, CancellationToken ct);

    Task InvalidateAsync(string name, CancellationToken ct);
}
