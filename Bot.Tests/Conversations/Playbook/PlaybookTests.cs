using Bot.Conversations.Playbook;
using Bot.Conversations.Understanding;
using Bot.Data.Import;
using Bot.Conversations.Understanding.Text;

namespace Bot.Tests.Conversations.Playbook;

/// <summary>The company's five guides (../shared/guides, copied into TestData) imported and searched.</summary>
public sealed class PlaybookTests
{
    private static Task<ImportedGuides.MemoryStore> ImportedAsync() => ImportedGuides.LoadAsync();

    [Fact]
    public async Task Import_AllFiveGuides_NoiseRemovedAndPassagesKeepTheirSource()
    {
        var store = await ImportedAsync();

        Assert.Equal(5, store.Entries.Select(e => e.Source.Split(' ')[0]).Distinct().Count());
        Assert.True(store.Entries.Count > 100, $"{store.Entries.Count} passages");
        string[] noise = ["VIP", "下载", "版权", "举报", "原创力", "本站", "_第1页", "(shí)", "會員"];
        Assert.All(store.Entries, e => Assert.DoesNotContain(noise, n => e.Body.Contains(n, StringComparison.Ordinal)));
        Assert.All(store.Entries, e => Assert.Matches(@"^\d{3}_[0-9a-f]+\.txt 第\d+行$", e.Source));
    }

    [Fact]
    public async Task Import_TraditionalScrapedGuide_ObjectionPassagesTaggedInSimplified()
    {
        var store = await ImportedAsync();

        // 001 is traditional Chinese with pinyin annotations left by the scraper ("價(jià)格太高").
        Assert.Contains(store.Entries, e => e.Category == "price" && e.Body.Contains("价格太高", StringComparison.Ordinal) && e.Source.StartsWith("001_", StringComparison.Ordinal));
        Assert.Contains(store.Entries, e => e.Category == "hesitation" && e.Body.Contains("再考虑考虑", StringComparison.Ordinal));
        Assert.Contains(store.Entries, e => e.Category == "competitor" && e.Body.Contains("和竞品对比一下", StringComparison.Ordinal));
        Assert.Contains(store.Entries, e => e.Category == "complaint" && e.Body.Contains("倾听", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_WordDocument_ParagraphsBecomeTaggedPassages()
    {
        var dir = Directory.CreateTempSubdirectory("guides-docx-");
        try
        {
            var path = Path.Combine(dir.FullName, "异议处理.docx");
            using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(path, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
            {
                var main = document.AddMainDocumentPart();
                main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                    new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(
                        new DocumentFormat.OpenXml.Wordprocessing.Text("客户说预算不够时，先问清楚预算周期和金额，再把方案拆成两期，先上最核心的模块，第二期排进明年的预算。")))));
            }
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "说明.pdf"), "不是指南");
            var store = new ImportedGuides.MemoryStore();

            var report = await new GuideImporter(store).ImportAsync(dir.FullName, CancellationToken.None);

            Assert.Equal((1, 1), (report.Files, report.Skipped.Count));
            var entry = Assert.Single(store.Entries, e => e.Category == "budget");
            Assert.Equal("异议处理.docx 第1行", entry.Source);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Import_Utf8GuideWithOneGbkLine_OtherLinesReadThatLineReported()
    {
        var dir = Directory.CreateTempSubdirectory("guides-mixed-");
        try
        {
            System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
            byte[] file = [.. System.Text.Encoding.UTF8.GetBytes("客户说预算不够时，先问清楚预算周期和金额，再把方案拆成两期，先上最核心的模块。\n"),
                .. System.Text.Encoding.GetEncoding("GBK").GetBytes("客户嫌贵时，先讲清楚价值，再谈价格。\n")];
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "异议处理.txt"), file);
            var store = new ImportedGuides.MemoryStore();

            var report = await new GuideImporter(store).ImportAsync(dir.FullName, CancellationToken.None);

            Assert.Contains("跳过 异议处理.txt 第2行", report.ToChinese());
            Assert.Contains(store.Entries, e => e.Category == "budget");
            Assert.DoesNotContain(store.Entries, e => e.Category == "price");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static TheoryData<Objection, string> Phrasings()
    {
        var data = new TheoryData<Objection, string>();
        void Add(Objection objection, params string[] texts)
        {
            foreach (var text in texts)
                data.Add(objection, text);
        }
        Add(Objection.Price, "客户说太贵了怎么回", "客户嫌贵咋办", "报价偏高客户不接受怎么说", "对方要求降价怎么应对", "客户说价格太高了，怎么破");
        Add(Objection.Hesitation, "客户说再考虑考虑怎么办", "客户一直犹豫怎么推进", "客户说再想想怎么回", "客户纠结不下单咋整", "客户还在观望怎么办");
        Add(Objection.Competitor, "客户要和竞品比怎么说", "客户说别家更便宜，怎么回", "客户在货比三家怎么应对", "客户说友商功能更全怎么办", "客户拿竞争对手压我怎么处理");
        Add(Objection.Timing, "客户说明年再说怎么办", "客户说不着急怎么回", "客户说过段时间再看怎么推进", "客户说时机不对怎么应对", "客户说暂时不考虑怎么说");
        Add(Objection.Budget, "客户说没预算怎么办", "客户预算不够怎么回", "对方说资金紧怎么处理", "客户说经费批不下来怎么应对", "客户说今年没钱了怎么说");
        Add(Objection.Authority, "客户说要老板拍板怎么办", "对方说他做不了主怎么推进", "客户说要领导决策怎么回", "客户说要上级同意怎么应对", "对方说要董事会定怎么处理");
        Add(Objection.Need, "客户说不需要怎么办", "客户说用不上怎么回", "客户说没需求怎么应对", "对方说没必要上系统怎么说", "客户说用不着我们的产品怎么破");
        Add(Objection.Trust, "客户不放心我们怎么办", "客户信不过我们公司怎么回", "客户担心效果怎么处理", "客户说没听过我们怎么应对", "客户有顾虑怎么打消");
        Add(Objection.Complaint, "客户投诉了怎么处理", "客户抱怨售后差怎么办", "客户对服务不满意怎么回", "客户说质量问题很多怎么安抚", "客户发火了怎么应对");
        return data;
    }

    [Theory]
    [MemberData(nameof(Phrasings))]
    public async Task Search_EveryCategoryWithFivePhrasings_ScriptsOfThatCategory(Objection expected, string text)
    {
        var objections = SalesVocabulary.ObjectionsIn(TextNormalizer.Normalize(text));
        Assert.Contains(expected, objections);

        var scripts = await new PlaybookSearch(await ImportedAsync()).BestAsync(expected, text, 3, CancellationToken.None);

        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Equal(PlaybookEntry.CategoryOf(expected), s.Category));
    }
}
