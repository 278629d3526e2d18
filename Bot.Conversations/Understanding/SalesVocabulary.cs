using Bot.Conversations.Customers;
using Bot.Conversations.Understanding.Text;

namespace Bot.Conversations.Understanding;

/// <summary>
/// The exact vocabulary the classifiers do not decide: a stage named outright (改成洽谈), a list's stage filter,
/// report periods and tiers, and the objection words that tag guide passages for the playbook. Matching is on
/// normalised text (see <see cref="Text.TextNormalizer"/>), lower-cased for the English words.
/// </summary>
public static partial class SalesVocabulary
{
    private static readonly (Objection Objection, string[] Cues)[] ObjectionCues =
    [
        (Objection.Price, ["嫌贵", "太贵", "贵了", "价格高", "价格太高", "价格偏高", "报价高", "报价偏高", "报价太高", "太高了", "便宜点", "便宜些", "降价", "降点", "降一点", "打折", "折扣", "砍价", "压价", "贵", "price", "expensive", "对价格", "对报价", "价格有", "价格不满"]),
        (Objection.Competitor, ["竞品", "别家", "友商", "竞争对手", "对手", "比价", "对比", "比较一下", "比一比", "其他厂家", "其他供应商", "货比三家", "competitor", "另一家", "另外一家", "别的供应商", "其他家", "比较几家", "几家供应商"]),
        (Objection.Budget, ["预算", "没钱", "资金紧", "经费", "没有钱", "budget"]),
        (Objection.Authority, ["老板", "领导", "拍板", "决策", "上面定", "上级", "董事会", "老总说了算", "boss", "做不了主", "做不了决定", "不能做主", "说了不算"]),
        (Objection.Timing, ["没时间", "太忙", "明年再", "以后再说", "过段时间", "不急", "不着急", "时机", "年后再", "下半年再", "暂时不", "先不", "等等再", "今年不", "才到期", "等到"]),
        (Objection.Hesitation, ["考虑", "犹豫", "再想想", "想一想", "拿不定", "纠结", "还在看", "观望", "再看看", "more time", "think about"]),
        (Objection.Need, ["不需要", "用不上", "没需求", "没这个需求", "没需要", "不匹配", "需求不明确", "需求不大", "没必要", "用不着"]),
        (Objection.Trust, ["不放心", "信不过", "担心", "没听过", "靠谱吗", "不信任", "怕出问题", "顾虑", "案例"]),
        (Objection.Complaint, ["投诉", "抱怨", "不满意", "不满", "售后差", "服务差", "质量问题", "出问题", "发火", "complaint"]),
    ];

    private static readonly string[] LostCues = ["丢了", "黄了", "选了别家", "选别家", "用了别家", "跟别家签", "不做了", "放弃了", "没戏", "丢单", "输了", "流失了", "没谈成", "谈崩"];

    public static IReadOnlyList<Objection> ObjectionsIn(string text)
    {
        // "选了别家" is the outcome (lost), not a competitor objection still to handle.
        var lower = text.ToLowerInvariant();
        foreach (var lost in LostCues)
            lower = lower.Replace(lost, "", StringComparison.Ordinal);
        var found = new List<Objection>();
        foreach (var (objection, cues) in ObjectionCues)
        {
            if (cues.Any(lower.Contains) && !NegatedPrice(lower, objection))
                found.Add(objection);
        }
        // "明年" is a timing objection ("等明年再上系统"), except as the date a budget comes ("预算要到明年才有").
        if (!found.Contains(Objection.Budget) && lower.Contains("明年", StringComparison.Ordinal) && !found.Contains(Objection.Timing))
            found.Add(Objection.Timing);
        return [.. found.Order()];
    }

    // "不贵" / "价格不是问题" says the opposite of a price objection.
    private static bool NegatedPrice(string text, Objection objection) =>
        objection == Objection.Price && (text.Contains("不贵", StringComparison.Ordinal) || text.Contains("价格不是问题", StringComparison.Ordinal))
        && !text.Contains("太贵", StringComparison.Ordinal) && !text.Contains("嫌贵", StringComparison.Ordinal);

    /// <summary>A stage named outright as the target of a move: 改成洽谈, 阶段调成qualified, 标记为流失.</summary>
    public static FunnelStage? NamedStage(string text) =>
        StageMove.Match(text.ToLowerInvariant()) is { Success: true } move && FunnelStages.TryParse(move.Groups["s"].Value, out var stage) ? stage : null;

    // Words that pick a list's stage but do not name one: 老客户 and 已签 are the won customers.
    private static readonly (string Word, FunnelStage Stage)[] FilterOnlyWords = [("老客户", FunnelStage.Won), ("已签", FunnelStage.Won)];

    /// <summary>The stage a list asks for: "意向客户有哪些", "洽谈中的", "qualified阶段的客户"; the earliest stage named wins.</summary>
    public static FunnelStage? StageFilter(string text) =>
        FunnelStages.Names.Concat(FilterOnlyWords).Where(n => text.Contains(n.Item1, StringComparison.OrdinalIgnoreCase))
            .Select(n => (FunnelStage?)n.Item2).Min();

    // The longest name first, so 意向客户 is taken whole.
    private static readonly System.Text.RegularExpressions.Regex StageMove = new(
        @"(改成|改为|改到|调成|调为|调到|推进到|推进|升级为|升级到|升到|更新为|更新成|退回到|退回|转为|转成|转到|进入|进|到|→|->|调整为|调整到|标记为|设为|设成)\s*(?<s>"
        + string.Join("|", FunnelStages.Names.Select(n => n.Name).OrderByDescending(n => n.Length).Select(System.Text.RegularExpressions.Regex.Escape)) + ")",
        System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>The report period a message names; a numbered quarter (Q4, 四季度) is this or last quarter as of <paramref name="today"/>.</summary>
    public static ReportPeriod? Period(string text, DateOnly today) => text.ToLowerInvariant() switch
    {
        var t when ContainsAny(t, "上周", "上星期", "上礼拜", "last week") => ReportPeriod.LastWeek,
        var t when ContainsAny(t, "上个月", "上月", "last month") => ReportPeriod.LastMonth,
        var t when ContainsAny(t, "上季度", "上个季度", "上一季度", "last quarter") => ReportPeriod.LastQuarter,
        var t when ContainsAny(t, "下个月", "下月", "next month") => ReportPeriod.NextMonth,
        var t when ContainsAny(t, "下季度", "下个季度", "下一季度", "next quarter") => ReportPeriod.NextQuarter,
        var t when NumberedQuarter().Match(t) is { Success: true } q => Quarter(q.Groups["n"].Value, today),
        var t when NumberedMonth().Match(t) is { Success: true } m => Month(m.Groups["n"].Value, today),
        var t when ContainsAny(t, "本季度", "这季度", "这个季度", "本季", "this quarter", "季度") => ReportPeriod.ThisQuarter,
        var t when ContainsAny(t, "本月", "这个月", "这月", "当月", "this month", "月度") => ReportPeriod.ThisMonth,
        var t when ContainsAny(t, "本周", "这周", "这星期", "这礼拜", "本星期", "this week", "周报") => ReportPeriod.ThisWeek,
        var t when ContainsAny(t, "今年", "本年度", "年度", "全年", "this year", "年初至今", "开年以来") => ReportPeriod.ThisYear,
        _ => null,
    };

    [System.Text.RegularExpressions.GeneratedRegex("(?:q(?<n>[1-4])|(?<n>[一二三四1-4])季度)")]
    private static partial System.Text.RegularExpressions.Regex NumberedQuarter();

    /// <summary>1–4 from a quarter's number as written: 4 or 四.</summary>
    public static int QuarterNumber(string n) => "一二三四".IndexOf(n[0], StringComparison.Ordinal) is var i and >= 0 ? i + 1 : n[0] - '0';

    /// <summary>1–12 from a month's number as written: 12, 十二 or 九.</summary>
    public static int MonthNumber(string n) => char.IsAsciiDigit(n[0]) ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)
        : n switch { "十" => 10, "十一" => 11, "十二" => 12, _ => "一二三四五六七八九".IndexOf(n[0], StringComparison.Ordinal) + 1 };

    private static ReportPeriod? Quarter(string n, DateOnly today)
    {
        var asked = QuarterNumber(n);
        var current = (today.Month - 1) / 3 + 1;
        return asked == current ? ReportPeriod.ThisQuarter : asked == (current + 2) % 4 + 1 ? ReportPeriod.LastQuarter
            : asked == current % 4 + 1 ? ReportPeriod.NextQuarter : null;
    }

    // 12月 / 十二月份 as a period, not a date inside one (12月31日, 12月底, 12月中).
    [System.Text.RegularExpressions.GeneratedRegex("(?<![0-9一二三四五六七八九十])(?<n>1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月(?!底|初|中|上旬|中旬|下旬|[0-9一二三四五六七八九十]|号|日)")]
    private static partial System.Text.RegularExpressions.Regex NumberedMonth();

    private static ReportPeriod? Month(string n, DateOnly today)
    {
        var asked = MonthNumber(n);
        return asked == today.Month ? ReportPeriod.ThisMonth : asked == today.AddMonths(-1).Month ? ReportPeriod.LastMonth
            : asked == today.AddMonths(1).Month ? ReportPeriod.NextMonth : null;
    }

    public static CustomerTier? Tier(string text)
    {
        var upper = text.ToUpperInvariant();
        foreach (var tier in new[] { CustomerTier.A, CustomerTier.B, CustomerTier.C })
        {
            var letter = tier.ToString();
            if (upper.Contains(letter + "类", StringComparison.Ordinal) || upper.Contains(letter + "级", StringComparison.Ordinal)
                || upper.Contains(letter + "档", StringComparison.Ordinal) || upper.Contains(letter + "客户", StringComparison.Ordinal))
                return tier;
        }
        return null;
    }

    public static bool ContainsAny(string text, params string[] cues)
    {
        foreach (var cue in cues)
        {
            if (text.Contains(cue, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}

public enum ReportPeriod
{
    ThisWeek,
    LastWeek,
    ThisMonth,
    LastMonth,
    ThisQuarter,
    LastQuarter,
    ThisYear,
    /// <summary>Only for targets, which are set ahead: 下个月 / 12月 said in November.</summary>
    NextMonth,
    NextQuarter,
}

public static class ReportPeriods
{
    public static string ChineseName(this ReportPeriod period) => period switch
    {
        ReportPeriod.ThisWeek => "本周",
        ReportPeriod.LastWeek => "上周",
        ReportPeriod.ThisMonth => "本月",
        ReportPeriod.LastMonth => "上月",
        ReportPeriod.LastQuarter => "上季度",
        ReportPeriod.ThisYear => "今年",
        ReportPeriod.NextMonth => "下月",
        ReportPeriod.NextQuarter => "下季度",
        _ => "本季度",
    };

    public static string Code(this ReportPeriod period) => period switch
    {
        ReportPeriod.ThisWeek => "this_week",
        ReportPeriod.LastWeek => "last_week",
        ReportPeriod.ThisMonth => "this_month",
        ReportPeriod.LastMonth => "last_month",
        ReportPeriod.LastQuarter => "last_quarter",
        ReportPeriod.ThisYear => "this_year",
        ReportPeriod.NextMonth => "next_month",
        ReportPeriod.NextQuarter => "next_quarter",
        _ => "this_quarter",
    };
}
