using SkiaSharp;

namespace Bot.Host.Reports;

/// <summary>
/// Finds an installed font that can draw the charts' Chinese. SkiaSharp, as ScottPlot ships it, has no fontconfig: it
/// knows the fonts under /usr/share/fonts, which is where Debian's font packages put them. Without a CJK family every
/// label would be a row of empty boxes, so the host refuses to start instead.
/// </summary>
public static class CjkFontProbe
{
    /// <summary>Families Debian packages, in the order we like them on a phone: plain sans faces first.</summary>
    public static readonly IReadOnlyList<string> Preferred =
        ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN"];

    /// <summary>Characters the charts draw in their titles, axes and labels.</summary>
    public const string Sample = "销售漏斗目标完成率跟进签单无数据万元";

    public const string MissingMessage =
        "没有找到能显示中文的字体，报表图表无法绘制：请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei）后再启动。"
        + " No CJK font is installed, so report charts cannot draw Chinese: install fonts-wqy-microhei (apt-get install fonts-wqy-microhei) and start again.";

    /// <summary>The installed family to draw with, or null when none covers Chinese.</summary>
    public static string? FindInstalled()
    {
        var manager = SKFontManager.Default;
        return Find(manager.FontFamilies, family =>
        {
            using var typeface = manager.MatchFamily(family);
            return typeface is not null && typeface.ContainsGlyphs(Sample);
        });
    }

    /// <summary>A preferred family if one is installed, else any family that covers <see cref="Sample"/>; null if none does.</summary>
    public static string? Find(IEnumerable<string> installed, Func<string, bool> coversChinese)
    {
        var families = installed.Distinct(StringComparer.Ordinal).ToList();
        return Preferred.Where(families.Contains).FirstOrDefault(coversChinese)
            ?? families.Order(StringComparer.Ordinal).FirstOrDefault(coversChinese);
    }
}
