using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// A script or guide passage: what objection (or general topic) it serves, its text, where it came from, and the
/// sales stages it serves (<see cref="PlaybookStages"/>; none means any stage).
/// </summary>
public sealed record PlaybookEntry(string Category, string Title, string Body, string Source)
{
    public const string General = "general";

    public IReadOnlyList<string> Stages { get; init; } = [];

    public static string CategoryOf(Objection objection) => objection.Code();
}

public interface IPlaybookStore
{
    Task<IReadOnlyList<PlaybookEntry>> ListAsync(CancellationToken ct);

    /// <summary>Adds or replaces passages by (category, title); returns how many were new.</summary>
    Task<int> SaveAsync(IReadOnlyList<PlaybookEntry> entries, CancellationToken ct);
}
