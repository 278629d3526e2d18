using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.Scheduling;

/// <summary>A short, stable digest of a text for idempotency keys: the same words give the same key on any host.</summary>
public static class TextKey
{
    public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
