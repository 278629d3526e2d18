using System.Security.Cryptography;

namespace Bot.Sandbox.Emulator;

/// <summary>An upload as media/upload answered it; <see cref="ExpiresAt"/> is when its media_id stops working.</summary>
public sealed record StoredMedia(string MediaId, string Type, string FileName, long Length, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Uploaded media with their bytes: message/send checks the media_id against them, and the control API hands the bytes
/// of a delivered picture or file to the sandbox page and the tests, as the member's phone would show them.
/// </summary>
public sealed class MediaStore(TimeProvider time)
{
    /// <summary>A media_id is valid for 3 days (wecom-spec.md §7).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    private readonly Lock _lock = new();
    private readonly List<StoredMedia> _media = [];
    private readonly Dictionary<string, byte[]> _contents = [];

    public StoredMedia Add(string type, string fileName, byte[] content)
    {
        var now = time.GetUtcNow();
        var media = new StoredMedia("3" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), type, fileName, content.Length, now, now + Lifetime);
        lock (_lock)
        {
            _media.Add(media);
            _contents[media.MediaId] = content;
        }
        return media;
    }

    /// <returns>The media a message may still refer to, or null when the id is unknown or has expired.</returns>
    public StoredMedia? FindUsable(string mediaId)
    {
        var now = time.GetUtcNow();
        lock (_lock)
            return _media.Find(m => m.MediaId == mediaId && now < m.ExpiresAt);
    }

    /// <summary>The bytes of an upload, expired or not: what a member received stays on their phone.</summary>
    public (StoredMedia Media, byte[] Content)? Content(string mediaId)
    {
        lock (_lock)
            return _media.Find(m => m.MediaId == mediaId) is { } media ? (media, _contents[mediaId]) : null;
    }

    public IReadOnlyList<StoredMedia> List()
    {
        lock (_lock)
            return [.. _media];
    }

    public void Reset()
    {
        lock (_lock)
        {
            _media.Clear();
            _contents.Clear();
        }
    }
}
