using System.Security.Cryptography;

namespace Bot.Tests.Fixtures;

public static class Md5
{
    /// <summary>Lower-case hex, as WeCom's stream pictures carry it.</summary>
#pragma warning disable CA5351 // MD5 is what WeCom's protocol prescribes; the tests check the checksum, nothing is protected.
    public static string Hex(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
}
