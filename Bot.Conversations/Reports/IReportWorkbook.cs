namespace Bot.Conversations.Reports;

/// <summary>
/// One sheet of an exported report: a name (≤ 31 chars, as Excel allows), a header row and rows whose cells are
/// string, int, long, decimal, double, DateOnly, DateTimeOffset (shown in Beijing time) or null.
/// </summary>
public sealed record ReportSheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A report as a workbook: a title shown above the first sheet's table, then the sheets in order.</summary>
public sealed record ReportWorkbookContent(string Title, IReadOnlyList<ReportSheet> Sheets);

/// <summary>Writes a report as an .xlsx file that Excel, WPS and LibreOffice open: numbers as numbers, dates as dates.</summary>
public interface IReportWorkbook
{
    byte[] Write(ReportWorkbookContent content);
}
