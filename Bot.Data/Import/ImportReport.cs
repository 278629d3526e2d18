using System.Text;

namespace Bot.Data.Import;

public sealed record RejectedRow(int Line, string Reason);

/// <summary>What an import did, counted per kind of record, plus every rejected row and why.</summary>
public sealed class ImportReport(string what)
{
    public string What { get; } = what;

    public string? Encoding { get; set; }

    public int Rows { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int ContactsAdded { get; set; }

    public int ContactsUpdated { get; set; }

    public List<RejectedRow> Rejected { get; } = [];

    /// <summary>Rows imported with something the company should know (a customer without an owner).</summary>
    public List<RejectedRow> Notes { get; } = [];

    public void Reject(int line, string reason) => Rejected.Add(new RejectedRow(line, reason));

    public void Note(int line, string note) => Notes.Add(new RejectedRow(line, note));

    public string ToChinese()
    {
        var text = new StringBuilder();
        text.Append($"导入{What}：共 {Rows} 行，新增 {Added}，更新 {Updated}，未变 {Unchanged}，拒绝 {Rejected.Count} 行");
        if (ContactsAdded + ContactsUpdated > 0)
            text.Append($"；联系人新增 {ContactsAdded}，更新 {ContactsUpdated}");
        if (Encoding is not null)
            text.Append($"（编码 {Encoding}）");
        foreach (var row in Rejected.OrderBy(r => r.Line))
            text.Append($"\n  第 {row.Line} 行：{row.Reason}");
        foreach (var row in Notes.OrderBy(r => r.Line))
            text.Append($"\n  第 {row.Line} 行（已导入，请留意）：{row.Reason}");
        return text.ToString();
    }
}
