using Bot.Conversations.Customers;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// The sales stages a playbook passage serves: the funnel's 潜在/意向/洽谈/成交 (lead, qualified, negotiation, won)
/// plus after-sale care and win-back, which the guides treat as stages of their own. A passage names its stage in
/// its words (潜在客户, 谈判, 售后, 流失); one that names none serves the stage its objection usually comes up in.
/// </summary>
public static class PlaybookStages
{
    public const string Lead = "lead";
    public const string Qualified = "qualified";
    public const string Negotiation = "negotiation";
    public const string Won = "won";
    public const string AfterSale = "after_sale";
    public const string WinBack = "win_back";

    private static readonly (string Stage, string[] Cues)[] StageCues =
    [
        (Lead, ["潜在客户", "线索", "新客户", "开发客户", "客户开发", "陌生拜访", "陌拜", "初次接触", "首次接触", "初次拜访", "获客", "拓客", "目标客户", "客户画像", "开发新"]),
        (Qualified, ["意向客户", "有意向", "购买意向", "需求分析", "挖掘需求", "需求调研", "了解需求", "spin", "方案演示", "产品演示", "试用", "痛点"]),
        (Negotiation, ["洽谈客户", "谈判", "洽谈", "报价", "议价", "让步", "促成", "逼单", "合同条款", "商务条款", "成交信号", "临门一脚"]),
        (Won, ["成交客户", "成交后", "下单后", "签约后", "签单后", "签约", "签单", "签订合同", "回款", "交付", "首单"]),
        (AfterSale, ["售后", "回访", "满意度", "复购", "交叉销售", "向上销售", "cross-sell", "up-sell", "老客户", "客户维护", "维护客户", "忠诚", "转介绍", "续约", "投诉"]),
        (WinBack, ["流失", "挽回", "挽留", "召回", "沉睡", "唤醒", "重新激活", "回流"]),
    ];

    private static readonly string[] BeforeTheDeal = [Lead, Qualified, Negotiation];

    /// <summary>The stages where each objection usually comes up.</summary>
    private static readonly Dictionary<string, string[]> ByCategory = new()
    {
        [Objection.Price.Code()] = [Negotiation],
        [Objection.Budget.Code()] = [Negotiation],
        [Objection.Competitor.Code()] = [Negotiation],
        [Objection.Authority.Code()] = [Negotiation],
        [Objection.Hesitation.Code()] = [Qualified, Negotiation],
        [Objection.Timing.Code()] = [Lead, Qualified],
        [Objection.Need.Code()] = [Lead, Qualified],
        [Objection.Trust.Code()] = [Lead, Qualified],
        [Objection.Complaint.Code()] = [AfterSale],
    };

    /// <summary>The stages a guide passage of <paramref name="category"/> serves, in funnel order.</summary>
    public static IReadOnlyList<string> Tag(string passage, string category)
    {
        var text = passage.ToLowerInvariant();
        var named = StageCues.Where(s => s.Cues.Any(c => text.Contains(c, StringComparison.Ordinal))).Select(s => s.Stage).ToList();
        if (named.Any(BeforeTheDeal.Contains))
            return named;
        var usual = ByCategory.GetValueOrDefault(category) ?? [];
        return [.. StageCues.Select(s => s.Stage).Where(stage => usual.Contains(stage) || named.Contains(stage))];
    }

    /// <summary>The passages that suit a customer at <paramref name="stage"/>: a won customer is also in after-sale care.</summary>
    public static IReadOnlyList<string> For(FunnelStage stage) => stage switch
    {
        FunnelStage.Lead => [Lead],
        FunnelStage.Qualified => [Qualified],
        FunnelStage.Negotiation => [Negotiation],
        FunnelStage.Won => [Won, AfterSale],
        _ => [WinBack],
    };
}
