using Bot.Conversations.Reports;
using Bot.Host.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Bot.Tests.Reports;

public sealed class OpenXmlReportWorkbookTests
{
    private static readonly ReportWorkbookContent Report = new("11月销售报表（团队）", [
        new ReportSheet("漏斗", ["阶段", "客户数", "转化率"], [["线索", 128, 1.0], ["成交", 12, 0.09375]]),
        new ReportSheet("签单明细", ["销售", "签单日期", "金额（元）", "记录时间", "单号", "备注"], [
            ["李娜", new DateOnly(2026, 11, 3), 150_000m, new DateTimeOffset(2026, 11, 3, 17, 30, 0, TimeSpan.Zero), 9_000_000_001L, null],
            ["欧阳明", new DateOnly(2026, 11, 28), 1_234_567.5m, new DateTimeOffset(2026, 11, 28, 9, 5, 0, TimeSpan.FromHours(8)), 9_000_000_002L, "含税，" + new string('长', 40)],
        ]),
    ]);

    [Fact]
    public void Write_Report_ValidForTheOpenXmlSchema()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(Report));

        Assert.Empty(new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}"));
    }

    [Fact]
    public void Write_FirstSheet_BoldTitleThenBoldHeaderBothFrozen()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(Report));
        var sheet = Worksheet(document, "漏斗");

        Assert.Equal("11月销售报表（团队）", Text(document, Cell(sheet, "A1")));
        Assert.True(Font(document, Cell(sheet, "A1")).Bold is not null);
        Assert.Equal(["阶段", "客户数", "转化率"], new[] { "A2", "B2", "C2" }.Select(r => Text(document, Cell(sheet, r))));
        Assert.All(new[] { "A2", "B2", "C2" }, r => Assert.NotNull(Font(document, Cell(sheet, r)).Bold));
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(2d, pane.VerticalSplit!.Value);
        Assert.Equal("A3", pane.TopLeftCell!.Value);
    }

    [Fact]
    public void Write_OtherSheets_HeaderInRowOneFrozen()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(Report));
        var sheet = Worksheet(document, "签单明细");

        Assert.Equal("销售", Text(document, Cell(sheet, "A1")));
        Assert.Equal(1d, sheet.Descendants<Pane>().Single().VerticalSplit!.Value);
    }

    [Fact]
    public void Write_Numbers_NumbersAndMoneyWithThousands()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(Report));
        var funnel = Worksheet(document, "漏斗");
        var deals = Worksheet(document, "签单明细");

        Assert.Equal(("128", "General"), Number(document, Cell(funnel, "B3")));
        Assert.Equal(("0.09375", "General"), Number(document, Cell(funnel, "C4")));
        Assert.Equal(("150000", "#,##0"), Number(document, Cell(deals, "C2")));
        Assert.Equal(("1234567.5", "#,##0"), Number(document, Cell(deals, "C3")));
        Assert.Equal(("9000000001", "General"), Number(document, Cell(deals, "E2")));
        Assert.Null(Cell(deals, "F2", required: false));
    }

    [Fact]
    public void Write_Dates_SerialDaysWithADateFormat_TimesInBeijing()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(Report));
        var deals = Worksheet(document, "签单明细");

        var (day, dayFormat) = Number(document, Cell(deals, "B2"));
        Assert.Equal(new DateTime(2026, 11, 3), DateTime.FromOADate(double.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("yyyy-mm-dd", dayFormat);
        // 17:30 UTC is 01:30 the next morning in Beijing; 09:05 +08:00 stays 09:05.
        var (evening, timeFormat) = Number(document, Cell(deals, "D2"));
        Assert.Equal(new DateTime(2026, 11, 4, 1, 30, 0), DateTime.FromOADate(double.Parse(evening, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.StartsWith("yyyy-mm-dd", timeFormat);
        var (morning, _) = Number(document, Cell(deals, "D3"));
        Assert.Equal(new DateTime(2026, 11, 28, 9, 5, 0), DateTime.FromOADate(double.Parse(morning, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Write_Columns_WideEnoughForTheirWidestValue()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(Report));
        var widths = Worksheet(document, "签单明细").Descendants<Column>().ToDictionary(c => c.Min!.Value, c => c.Width!.Value);

        Assert.InRange(widths[2], 10, 14);   // 2026-11-03
        Assert.InRange(widths[3], 10, 14);   // 金额（元）, 1,234,568
        Assert.InRange(widths[6], 60, 60);   // 含税 and forty characters, capped
    }

    [Fact]
    public void Write_SheetNames_SanitisedShortAndUnique()
    {
        var names = new[] { "业绩[明细]:2026/11*?\\", "'季度'", "", "History", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四" };
        var content = new ReportWorkbookContent("", [.. names.Select(n => new ReportSheet(n, ["列"], []))]);

        using var document = Open(new OpenXmlReportWorkbook().Write(content));
        var written = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

        Assert.Equal(["业绩_明细__2026_11___", "季度", "Sheet3", "Sheet4", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八(2)"], written);
        Assert.All(written, n => Assert.InRange(n.Length, 1, 31));
    }

    [Fact]
    public void Write_NoSheets_StillAWorkbookWithTheTitle()
    {
        using var document = Open(new OpenXmlReportWorkbook().Write(new ReportWorkbookContent("空报表", [])));

        Assert.Equal("空报表", Text(document, Cell(Worksheet(document, "Sheet1"), "A1")));
    }

    [Fact]
    public void Write_UnsupportedCellType_SaysWhichCell()
    {
        var content = new ReportWorkbookContent("t", [new ReportSheet("s", ["是否"], [[true]])]);

        var error = Assert.Throws<ArgumentException>(() => new OpenXmlReportWorkbook().Write(content));

        Assert.Contains("A3", error.Message);
    }

    private static SpreadsheetDocument Open(byte[] xlsx) => SpreadsheetDocument.Open(new MemoryStream(xlsx), isEditable: false);

    private static Worksheet Worksheet(SpreadsheetDocument document, string name)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    private static Cell Cell(Worksheet sheet, string reference) => Cell(sheet, reference, required: true)!;

    private static Cell? Cell(Worksheet sheet, string reference, bool required)
    {
        var cell = sheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);
        Assert.True(cell is not null || !required, $"no cell {reference}");
        return cell;
    }

    private static string Text(SpreadsheetDocument document, Cell cell)
    {
        Assert.Equal(CellValues.SharedString, cell.DataType?.Value);
        return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText;
    }

    /// <summary>A number cell's stored value and the format code it is shown with.</summary>
    private static (string Value, string Format) Number(SpreadsheetDocument document, Cell cell)
    {
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{cell.CellReference} is not a number");
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        var code = id switch
        {
            0 => "General",
            3 => "#,##0",
            _ => stylesheet.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == id).FormatCode!.Value!,
        };
        return (cell.CellValue!.Text, code);
    }

    private static Font Font(SpreadsheetDocument document, Cell cell)
    {
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        return stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
    }
}
