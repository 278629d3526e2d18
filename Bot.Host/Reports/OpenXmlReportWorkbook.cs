using Bot.Conversations.Reports;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bot.Host.Reports;

/// <summary>
/// Writes a report as an .xlsx with the Open XML SDK: the title in bold above the first sheet's table, a bold header row
/// that stays in view when scrolling, columns wide enough for what they hold. Stateless, so one instance serves all.
/// </summary>
public sealed class OpenXmlReportWorkbook : IReportWorkbook
{
    private const int MinWidth = 8;
    private const int MaxWidth = 60;

    public byte[] Write(ReportWorkbookContent content)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = WorkbookStyles.Create();
            var cells = new WorkbookCells();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            // A workbook with no sheet is not a valid file; an empty report still gets one sheet with its title.
            var reportSheets = content.Sheets.Count > 0 ? content.Sheets : [new ReportSheet("Sheet1", [], [])];
            var names = SheetNames.Sanitise(reportSheets.Select(s => s.Name));
            for (var i = 0; i < reportSheets.Count; i++)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Sheet(reportSheets[i], i == 0 ? content.Title : null, cells);
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(i + 1), Name = names[i] });
            }
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = cells.Strings;
        }
        return stream.ToArray();
    }

    private static Worksheet Sheet(ReportSheet sheet, string? title, WorkbookCells cells)
    {
        var data = new SheetData();
        var widths = new int[Math.Max(sheet.Header.Count, sheet.Rows.Count == 0 ? 0 : sheet.Rows.Max(r => r.Count))];
        uint row = 0;
        if (title is { Length: > 0 })
            data.AppendChild(new Row(cells.Text(Reference(0, ++row), title, WorkbookStyles.Title)) { RowIndex = row });

        var header = new Row { RowIndex = ++row };
        for (var c = 0; c < sheet.Header.Count; c++)
        {
            header.AppendChild(cells.Text(Reference(c, row), sheet.Header[c], WorkbookStyles.Header));
            widths[c] = WorkbookCells.Width(sheet.Header[c]);
        }
        data.AppendChild(header);
        var headerRow = row;

        foreach (var values in sheet.Rows)
        {
            var line = new Row { RowIndex = ++row };
            for (var c = 0; c < values.Count; c++)
            {
                if (cells.Value(Reference(c, row), values[c]) is not (Cell cell, int width))
                    continue;
                line.AppendChild(cell);
                widths[c] = Math.Max(widths[c], width);
            }
            data.AppendChild(line);
        }

        var worksheet = new Worksheet(new SheetViews(FrozenAbove(headerRow)));
        if (widths.Length > 0)
            worksheet.AppendChild(new Columns(widths.Select((w, c) => new Column
            {
                Min = (uint)(c + 1),
                Max = (uint)(c + 1),
                Width = Math.Clamp(w + 2, MinWidth, MaxWidth),
                CustomWidth = true,
            })));
        worksheet.AppendChild(data);
        return worksheet;
    }

    /// <summary>Rows 1..<paramref name="rows"/> (the title and the header) stay put while the data scrolls.</summary>
    private static SheetView FrozenAbove(uint rows) => new(
        new Pane
        {
            VerticalSplit = rows,
            TopLeftCell = Reference(0, rows + 1),
            ActivePane = PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = Reference(0, rows + 1), SequenceOfReferences = new ListValue<StringValue> { InnerText = Reference(0, rows + 1) } })
    {
        WorkbookViewId = 0,
    };

    /// <summary>"A1"-style reference of a zero-based column and a one-based row.</summary>
    private static string Reference(int column, uint row)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters + row;
    }
}
