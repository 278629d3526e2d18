using System.Security.Cryptography;

namespace Bot.Sandbox.Emulator;

public sealed record StoredMedia(string MediaId, string Type, string FileName, long Length, DateTimeOffset CreatedAt);

/// <summary>Uploaded media, kept as metadata only: the bot never downloads from the emulator.</summary>
public sealed class MediaStore(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly List<StoredMedia> _media = [];

    public StoredMedia Add(string type, string fileName, long length)
    {
        var media = new StoredMedia("3" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), type, fileName, length, time.GetUtcNow());
        lock (_lock)
            _media.Add(media);
        return media;
    }

    public IReadOnlyList<StoredMedia> List()
    {
        lock (_lock)
            return [.. _media];
    }

    public void Reset()
    {
        lock (_lock)
            _media.Clear();
    }
}
