namespace Bot.Conversations.Reports;

/// <summary>
/// One sheet of an exported report: a name (made to fit Excel's rules: ≤ 31 chars, none of []:*?/\), a header row and
/// rows whose cells are string, int, long, decimal (an amount in yuan, shown as #,##0), double, DateOnly, DateTimeOffset
/// (shown in Beijing time) or null (an empty cell).
/// </summary>
public sealed record ReportSheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A report as a workbook: a title shown above the first sheet's table, then the sheets in order.</summary>
public sealed record ReportWorkbookContent(string Title, IReadOnlyList<ReportSheet> Sheets);

/// <summary>Writes a report as an .xlsx file that Excel, WPS and LibreOffice open: numbers as numbers, dates as dates.</summary>
public interface IReportWorkbook
{
    byte[] Write(ReportWorkbookContent content);
}
