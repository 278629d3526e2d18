using Bot.Conversations.Playbook;
using Bot.Data.Import;
using Bot.Tests.Fixtures;

namespace Bot.Tests.Data;

[Collection(SharedDatabase.Name)]
public sealed class PlaybookStoreTests(DatabaseFixture db)
{
    [Fact]
    public async Task ImportGuides_StagesStoredAndReadBack_ReimportChangesNothing()
    {
        var guides = Path.Combine(AppContext.BaseDirectory, "TestData", "guides");
        var store = db.Get<IPlaybookStore>();

        await db.Get<GuideImporter>().ImportAsync(guides, CancellationToken.None);
        var again = await db.Get<GuideImporter>().ImportAsync(guides, CancellationToken.None);

        Assert.Equal(0, again.Added);
        var entries = await store.ListAsync(CancellationToken.None);
        var leads = Assert.Single(entries, e => e.Category == "general" && e.Body.Contains("潜在客户的资料登录", StringComparison.Ordinal));
        Assert.Equal([PlaybookStages.Lead], leads.Stages);
        var hesitation = Assert.Single(entries, e => e.Category == "hesitation" && e.Body.Contains("再考虑考虑", StringComparison.Ordinal) && e.Source.StartsWith("001_", StringComparison.Ordinal));
        Assert.Equal([PlaybookStages.Qualified, PlaybookStages.Negotiation, PlaybookStages.Won, PlaybookStages.AfterSale], hesitation.Stages);
        Assert.Contains(entries, e => e.Stages.Count == 0);
    }
}
