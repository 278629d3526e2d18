using Bot.Conversations.Customers;
using Bot.Conversations.Playbook;
using Bot.Conversations.Understanding;

namespace Bot.Tests.Conversations.Playbook;

/// <summary>Guide passages and built-in scripts tagged with the sales stage they serve, and the stage used in retrieval.</summary>
public sealed class PlaybookStageTests
{
    private static Task<ImportedGuides.MemoryStore> ImportedAsync() => ImportedGuides.LoadAsync();

    private static PlaybookEntry Passage(ImportedGuides.MemoryStore store, string file, string category, string words) =>
        Assert.Single(store.Entries, e => e.Source.StartsWith(file, StringComparison.Ordinal) && e.Category == category && e.Body.Contains(words, StringComparison.Ordinal));

    public static TheoryData<string, string, string, string[]> TaggedPassages() => new()
    {
        // The funnel's stages named one by one: 潜在客户 … 意向客户 … 洽谈客户 … 成交客户.
        { "004_", "general", "漏斗阶段定义", [PlaybookStages.Lead, PlaybookStages.Qualified, PlaybookStages.Negotiation, PlaybookStages.Won] },
        { "002_", "general", "潜在客户的资料登录", [PlaybookStages.Lead] },
        { "002_", "general", "倾听与回应在谈判中", [PlaybookStages.Negotiation] },
        // Traditional characters and pinyin in the scraped 001: SPIN questions for 意向客户, with the price script.
        { "001_", "price", "SPIN提问法", [PlaybookStages.Qualified] },
        { "000_", "price", "阶梯报价", [PlaybookStages.Negotiation] },
        // 再考虑考虑 for 意向 customers, then 成交客户's 售后回访 and 交叉销售 in the same paragraph.
        { "001_", "hesitation", "再考虑考虑", [PlaybookStages.Qualified, PlaybookStages.Negotiation, PlaybookStages.Won, PlaybookStages.AfterSale] },
        { "001_", "general", "升级到专业版", [PlaybookStages.AfterSale] },
        { "001_", "price", "友好告别", [PlaybookStages.Negotiation, PlaybookStages.WinBack] },
        { "002_", "general", "老客户的流失率", [PlaybookStages.AfterSale, PlaybookStages.WinBack] },
        { "001_", "complaint", "从投诉到忠诚", [PlaybookStages.AfterSale] },
    };

    [Theory]
    [MemberData(nameof(TaggedPassages))]
    public async Task Import_GuidePassage_TaggedWithItsStages(string file, string category, string words, string[] stages)
    {
        var store = await ImportedAsync();

        Assert.Equal(stages, Passage(store, file, category, words).Stages);
    }

    [Fact]
    public void DefaultPlaybook_EveryScriptServesAStage()
    {
        Assert.All(DefaultPlaybook.Entries, e => Assert.NotEmpty(e.Stages));
        Assert.Equal([PlaybookStages.WinBack], DefaultPlaybook.Entries.Single(e => e.Title == "流失→挽回").Stages);
        Assert.Equal([PlaybookStages.AfterSale], DefaultPlaybook.Entries.Single(e => e.Title == "投诉四步").Stages);
    }

    [Fact]
    public async Task Search_NegotiatingCustomer_PrefersNegotiationPassages()
    {
        var search = new PlaybookSearch(await ImportedAsync());

        var unstaged = await search.BestAsync(Objection.Price, "客户说太贵了怎么回", 3, CancellationToken.None);
        var negotiating = await search.BestAsync(Objection.Price, "客户说太贵了怎么回", 3, CancellationToken.None, FunnelStage.Negotiation);
        var lost = await search.BestAsync(Objection.Price, "客户说太贵了怎么回", 3, CancellationToken.None, FunnelStage.Lost);

        Assert.All(negotiating, e => Assert.Contains(PlaybookStages.Negotiation, e.Stages));
        Assert.Contains(unstaged, e => !e.Stages.Contains(PlaybookStages.Negotiation));
        Assert.Contains(PlaybookStages.WinBack, lost[0].Stages);
    }
}
