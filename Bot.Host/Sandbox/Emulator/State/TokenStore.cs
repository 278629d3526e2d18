using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Bot.Sandbox.Emulator;

/// <summary>
/// Access tokens. Each gettoken issues a new one and older unexpired ones stay valid, as WeCom does today;
/// expired tokens are remembered so they answer 42001 rather than 40014.
/// </summary>
public sealed class TokenStore(IOptions<WeComEmulatorOptions> options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = [];

    public (string Token, int ExpiresIn) Issue()
    {
        var lifetime = options.Value.TokenLifetimeSeconds;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        lock (_lock)
            _expiries[token] = time.GetUtcNow().AddSeconds(lifetime);
        return (token, lifetime);
    }

    /// <returns>0, or the errcode WeCom gives for this token (41001, 40014, 42001).</returns>
    public int Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return EmulatorErrors.MissingToken;
        lock (_lock)
        {
            if (!_expiries.TryGetValue(token, out var expiry))
                return EmulatorErrors.InvalidToken;
            return time.GetUtcNow() < expiry ? 0 : EmulatorErrors.TokenExpired;
        }
    }

    public void ExpireAll()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            foreach (var token in _expiries.Keys.ToList())
                _expiries[token] = now;
        }
    }

    public void Reset()
    {
        lock (_lock)
            _expiries.Clear();
    }
}
