using Bot.Conversations.Playbook;
using Bot.Data.Import;

namespace Bot.Tests.Conversations.Playbook;

/// <summary>The company's five guides (../shared/guides, copied into TestData) imported into memory.</summary>
public static class ImportedGuides
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "TestData", "guides");

    public sealed class MemoryStore : IPlaybookStore
    {
        public List<PlaybookEntry> Entries { get; } = [];

        public Task<IReadOnlyList<PlaybookEntry>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<PlaybookEntry>>(Entries);

        public Task<int> SaveAsync(IReadOnlyList<PlaybookEntry> entries, CancellationToken ct)
        {
            Entries.AddRange(entries);
            return Task.FromResult(entries.Count);
        }
    }

    public static async Task<MemoryStore> LoadAsync()
    {
        var store = new MemoryStore();
        await new GuideImporter(store).ImportAsync(Directory, CancellationToken.None);
        return store;
    }
}
