namespace Bot.Conversations.Understanding;

/// <summary>
/// Words that make the number after them a price (报价12.5, 预算3000). Shared so that the date reader leaves
/// "报价12.5" to the money reader instead of calling it 12月5日.
/// </summary>
internal static class MoneyCues
{
    private static readonly string[] Words =
    [
        "报价", "预算", "价格", "价钱", "价位", "金额", "总价", "单价", "开价", "成交价", "合同额", "报了", "砍到", "降到",
        "回款", "付款", "首付", "定金", "订金", "尾款", "费用", "花了", "花费", "收费", "打款", "转账", "¥", "￥",
    ];

    /// <summary>True when a cue ends at most a few characters (是/在/为/大概 …) before <paramref name="start"/>.</summary>
    public static bool Precede(string folded, int start)
    {
        var window = folded[Math.Max(0, start - 6)..start];
        return Words.Any(w => window.Contains(w, StringComparison.Ordinal));
    }
}
