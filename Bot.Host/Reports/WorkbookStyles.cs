using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bot.Host.Reports;

/// <summary>The few cell formats a report uses; each constant is an index into the stylesheet's cell formats.</summary>
internal static class WorkbookStyles
{
    public const uint Text = 0;
    public const uint Title = 1;
    public const uint Header = 2;
    public const uint Money = 3;
    public const uint Date = 4;
    public const uint DateTime = 5;

    // Built-in 3 is #,##0; custom formats start at 164.
    private const uint ThousandsFormat = 3;
    private const uint DateFormat = 164;
    private const uint DateTimeFormat = 165;

    public static Stylesheet Create() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = DateTimeFormat, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 2 },
        new Fonts(
            Font(bold: false, size: 11),
            Font(bold: true, size: 11),
            Font(bold: true, size: 14)) { Count = 3 },
        // The first two fills are reserved by the format (none, gray125).
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE5E7EB" }) { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            Format(0, fontId: 0),
            Format(0, fontId: 2),
            Format(0, fontId: 1, fillId: 2),
            Format(ThousandsFormat, fontId: 0),
            Format(DateFormat, fontId: 0),
            Format(DateTimeFormat, fontId: 0)) { Count = 6 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    // 等线 (DengXian) is what Excel and WPS use for Chinese by default; elsewhere the reader substitutes its own.
    private static Font Font(bool bold, double size)
    {
        var font = new Font();
        if (bold)
            font.Append(new Bold());
        font.Append(new FontSize { Val = size }, new FontName { Val = "等线" });
        return font;
    }

    private static CellFormat Format(uint numberFormat, uint fontId, uint fillId = 0) => new()
    {
        NumberFormatId = numberFormat,
        FontId = fontId,
        FillId = fillId,
        BorderId = 0,
        FormatId = 0,
        ApplyNumberFormat = numberFormat != 0 ? true : null,
        ApplyFont = fontId != 0 ? true : null,
        ApplyFill = fillId != 0 ? true : null,
    };
}
