using Bot.Conversations.Playbook;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Bot.Data.Import;

public sealed record GuideImportReport(int Files, int Passages, int Added, IReadOnlyList<string> Skipped)
{
    public string ToChinese() =>
        $"导入销售指南：{Files} 个文件，{Passages} 段，新增 {Added}，更新 {Passages - Added}"
        + string.Concat(Skipped.Select(s => $"\n  跳过 {s}"));
}

/// <summary>
/// `scripts/bot import guides DIR`: the company's guide documents (.txt, .md, .docx) become tagged playbook passages,
/// each keeping its file and line and tagged with the sales stages it serves. Re-importing replaces passages in place.
/// </summary>
public sealed class GuideImporter(IPlaybookStore store)
{
    private static readonly string[] Extensions = [".txt", ".md", ".docx"];

    public async Task<GuideImportReport> ImportAsync(string directory, CancellationToken ct)
    {
        var entries = new List<PlaybookEntry>();
        var skipped = new List<string>();
        var files = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToList();
        var read = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (!Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                skipped.Add($"{name}（只支持 .txt / .md / .docx）");
                continue;
            }
            string text;
            if (Path.GetExtension(file).Equals(".docx", StringComparison.OrdinalIgnoreCase))
                text = ReadDocx(file);
            else
            {
                var decoded = ImportText.Decode(await File.ReadAllBytesAsync(file, ct));
                text = decoded.Text;
                skipped.AddRange(decoded.Undecodable.Select(line => $"{name} 第{line}行（编码和文件其余部分不同，读不出来；请把文件另存为 UTF-8）"));
            }
            read++;
            foreach (var (passage, index) in GuideText.Passages(text).Select((p, i) => (p, i + 1)))
            {
                // A passage on several objections ("再考虑考虑…和竞品对比一下…") serves each of them.
                foreach (var category in PlaybookSearch.Categorise(passage.Text))
                {
                    entries.Add(new PlaybookEntry(category, $"{name}#{index}", passage.Text, $"{name} 第{passage.Line}行")
                    {
                        Stages = PlaybookStages.Tag(passage.Text, category),
                    });
                }
            }
        }
        var added = entries.Count == 0 ? 0 : await store.SaveAsync(entries, ct);
        return new GuideImportReport(read, entries.Count, added, skipped);
    }

    private static string ReadDocx(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart?.Document?.Body;
        return body is null ? "" : string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText));
    }
}
