using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Host.WeCom.Crypto;

/// <summary>
/// WeCom's callback crypto (WXBizMsgCrypt): SHA-1 signature over the sorted token/timestamp/nonce/ciphertext,
/// AES-256-CBC with IV = key[0..16), PKCS#7 padding to 32-byte blocks (not 16, so .NET's own padding is off),
/// and a plaintext of random(16) | length(4, big-endian) | message | receiveid.
/// The receiveid is the corp id for an app and the empty string for the AI bot.
/// </summary>
public sealed class WeComCrypto
{
    private const int BlockSize = 32;
    private readonly string _token;
    private readonly byte[] _key;
    private readonly string _receiveId;

    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        if (encodingAesKey.Length != 43)
            throw new WeComCryptoException(WeComCryptoError.IllegalAesKey, "EncodingAESKey must be 43 characters");
        _token = token;
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _receiveId = receiveId;
    }

    public string Sign(string timestamp, string nonce, string encrypted)
    {
        string[] parts = [_token, timestamp, nonce, encrypted];
        Array.Sort(parts, StringComparer.Ordinal);
#pragma warning disable CA5350 // SHA-1 is what WeCom's protocol prescribes; it authenticates, it does not protect secrets.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts))));
#pragma warning restore CA5350
    }

    public bool VerifySignature(string? signature, string timestamp, string nonce, string encrypted)
    {
        if (signature is null || signature.Length != 40)
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, nonce, encrypted));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    /// <param name="randomPrefix">16 bytes; only tests pass it, to reproduce published vectors.</param>
    public string Encrypt(string message, byte[]? randomPrefix = null)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var receiveId = Encoding.UTF8.GetBytes(_receiveId);
        var length = 16 + 4 + body.Length + receiveId.Length;
        var pad = BlockSize - length % BlockSize;
        var plain = new byte[length + pad];
        if (randomPrefix is { Length: 16 })
            randomPrefix.CopyTo(plain, 0);
        else
            RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain, 20);
        receiveId.CopyTo(plain, 20 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = CreateAes();
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    public string Decrypt(string encrypted)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            throw new WeComCryptoException(WeComCryptoError.Base64Decode, "ciphertext is not Base64");
        }
        if (cipher.Length == 0 || cipher.Length % 16 != 0)
            throw new WeComCryptoException(WeComCryptoError.Decrypt, "ciphertext length is not a whole number of AES blocks");

        using var aes = CreateAes();
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length)
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "bad padding");
        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < 20)
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "plaintext too short");
        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(16, 4));
        if (length < 0 || 20 + length > content.Length)
            throw new WeComCryptoException(WeComCryptoError.IllegalBuffer, "message length out of range");
        var receiveId = Encoding.UTF8.GetString(content[(20 + length)..]);
        if (receiveId != _receiveId)
            throw new WeComCryptoException(WeComCryptoError.ReceiveIdMismatch, "receiveid does not match");
        return Encoding.UTF8.GetString(content.Slice(20, length));
    }

    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }
}

/// <summary>The official library's return codes (ierror.py), kept so logs match WeCom's documentation.</summary>
public enum WeComCryptoError
{
    ValidateSignature = -40001,
    ParseXml = -40002,
    IllegalAesKey = -40004,
    ReceiveIdMismatch = -40005,
    Decrypt = -40007,
    IllegalBuffer = -40008,
    Base64Decode = -40010,
}

public sealed class WeComCryptoException(WeComCryptoError error, string message) : Exception(message)
{
    public WeComCryptoError Error { get; } = error;
}
