using System.Globalization;
using Bot.Conversations.Common;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bot.Host.Reports;

/// <summary>
/// One report value as a cell: numbers as numbers (a decimal is an amount in yuan, shown as #,##0), dates as Excel
/// serial days with a date format (times in Beijing time, as the team reads them), text through the shared string table.
/// Also how wide the value shows, for the column.
/// </summary>
internal sealed class WorkbookCells
{
    private static readonly DateOnly SerialZero = new(1899, 12, 30);
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public SharedStringTable Strings { get; } = new();

    public Cell Text(string reference, string text, uint style = WorkbookStyles.Text) => new()
    {
        CellReference = reference,
        DataType = CellValues.SharedString,
        CellValue = new CellValue(Index(text)),
        StyleIndex = style == WorkbookStyles.Text ? null : style,
    };

    /// <returns>The cell and its width in characters (a Chinese character counts two), or null for an empty value.</returns>
    public (Cell Cell, int Width)? Value(string reference, object? value) => value switch
    {
        null => null,
        string s => (Text(reference, s), Width(s)),
        int n => (Number(reference, n.ToString(CultureInfo.InvariantCulture)), Width(n.ToString(CultureInfo.InvariantCulture))),
        long n => (Number(reference, n.ToString(CultureInfo.InvariantCulture)), Width(n.ToString(CultureInfo.InvariantCulture))),
        // 0/0 in a ratio column: an empty cell, as a person would leave it, rather than a file Excel refuses.
        double n when !double.IsFinite(n) => null,
        double n => (Number(reference, n.ToString("R", CultureInfo.InvariantCulture)), Width(n.ToString("0.##", CultureInfo.InvariantCulture))),
        decimal n => (Number(reference, n.ToString(CultureInfo.InvariantCulture), WorkbookStyles.Money), Width(n.ToString("#,##0", CultureInfo.InvariantCulture))),
        DateOnly d => (Number(reference, (d.DayNumber - SerialZero.DayNumber).ToString(CultureInfo.InvariantCulture), WorkbookStyles.Date), 10),
        DateTimeOffset t => (Number(reference, ChinaTime.ToChina(t).DateTime.ToOADate().ToString("R", CultureInfo.InvariantCulture), WorkbookStyles.DateTime), 16),
        _ => throw new ArgumentException($"A report cell cannot hold a {value.GetType().Name} ({reference}); use text, a number or a date."),
    };

    /// <summary>Display width in character cells: a Chinese (or other full-width) character takes two.</summary>
    public static int Width(string text) => text.Sum(c => c >= 0x2E80 ? 2 : 1);

    private static Cell Number(string reference, string value, uint style = WorkbookStyles.Text) => new()
    {
        CellReference = reference,
        CellValue = new CellValue(value),
        StyleIndex = style == WorkbookStyles.Text ? null : style,
    };

    private int Index(string text)
    {
        if (!_indexes.TryGetValue(text, out var index))
        {
            index = _indexes.Count;
            _indexes[text] = index;
            // Control characters (from a pasted WeChat message, say) are not allowed in the file's XML.
            var clean = new string([.. text.Where(c => c >= ' ' || c is '\t' or '\n' or '\r')]);
            Strings.AppendChild(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(clean) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return index;
    }
}
