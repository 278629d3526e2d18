namespace Bot.Host.Reports;

/// <summary>The font family the report charts draw every label with: one found installed that has Chinese glyphs.</summary>
public sealed class ChartFontOptions
{
    public string Family { get; set; } = "";
}
