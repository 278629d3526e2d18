using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// The playbook that ships with the product, in our own words, covering every method the company's guides teach:
/// SPIN questions, price → value, hesitation → the real concern, competitor → difference with proof, budget and
/// timing, reaching the decision maker, trust through cases, the four-step complaint handling, cross- and up-sell,
/// and win-back.
/// </summary>
public static class DefaultPlaybook
{
    private const string Source = "内置话术（依据公司销售指南）";

    public static IReadOnlyList<PlaybookEntry> Entries { get; } =
    [
        Entry(Objection.Price, "价格→价值", "嫌贵时先把话题从价格拉回价值：「您觉得贵，可能是还没看到我们服务里包含的东西。我们提供免费升级和优先售后，长期算下来反而省成本。」再举一个同行案例（省了多少、提效多少），必要时给有期限的优惠，不要直接降价。", PlaybookStages.Negotiation),
        Entry(Objection.Price, "价格→分期与组合", "预算卡在总价时，拆开报价：先上核心模块，其余分期；或按年付、批量价，让客户看到每月每人的实际成本，比一次性报价更容易接受。", PlaybookStages.Negotiation),
        Entry(Objection.Hesitation, "犹豫→问出真正的顾虑", "客户说「再考虑考虑」，要问出真正的顾虑：「您主要是对功能还有疑问，还是预算方面需要再确认？」问清楚后对症处理，并约好下次沟通的具体时间。", PlaybookStages.Qualified, PlaybookStages.Negotiation),
        Entry(Objection.Competitor, "竞品→讲差异给证据", "客户要和竞品对比时，不贬低对手，讲清差异：「我们比他们多了XX功能，能帮您提升XX效率。」附上同行业客户案例，主动提供对比表，约一次演示。", PlaybookStages.Qualified, PlaybookStages.Negotiation),
        Entry(Objection.Budget, "预算→周期与拆分", "预算不足时，先确认预算周期和金额区间：「今年的预算大概在什么范围？什么时候开始下一轮预算？」可以拆分方案、分期实施，先上核心模块，把后续需求排进下一期预算。", PlaybookStages.Qualified, PlaybookStages.Negotiation),
        Entry(Objection.Authority, "拍板→见到决策人", "需要领导拍板时，争取见到决策人：「为了让方案更贴合您领导关心的点，能不能约个时间一起聊15分钟？」同时给对接人准备一页纸的汇报材料：痛点、方案、投入产出。", PlaybookStages.Qualified, PlaybookStages.Negotiation),
        Entry(Objection.Timing, "时机→约定触发点", "客户说「以后再说」，要弄清时间点和触发条件：「是因为最近项目多，还是要等某个节点？」约定具体的回访时间，期间定期分享行业资讯，保持联系但不打扰。", PlaybookStages.Lead, PlaybookStages.Qualified),
        Entry(Objection.Need, "需求→SPIN提问", "客户说不需要时，用SPIN提问挖需求：现状（您现在怎么处理XX？）、问题（有没有不方便的地方？）、影响（这对业务影响大吗？）、需求（您希望解决吗？）。没有痛点就别硬推，定期回访。", PlaybookStages.Lead, PlaybookStages.Qualified),
        Entry(Objection.Trust, "信任→案例与试用", "客户不放心时，用证据建立信任：提供同行业成功案例、客户证言和资质；安排试用或参观老客户现场；承诺明确的服务标准和响应时间。", PlaybookStages.Lead, PlaybookStages.Qualified),
        Entry(Objection.Complaint, "投诉四步", "处理投诉四步：1.倾听：「您别着急，我先听您说完。」2.道歉：「对不起，给您添麻烦了。」3.解决：给出具体方案和时间。4.回访确认：「这个处理您满意吗？」处理得好，投诉客户也能变成忠实客户。", PlaybookStages.AfterSale),
        new(PlaybookEntry.General, "成交后→交叉与向上销售", "成交后24小时内回访确认满意；再根据购买记录推荐搭配产品（交叉销售）或升级版本（向上销售）：「您用的是基础版，升级专业版能解决更多问题。」", Source)
        {
            Stages = [PlaybookStages.Won, PlaybookStages.AfterSale],
        },
        new(PlaybookEntry.General, "流失→挽回", "客户流失迹象出现时：先调研原因（电话或问卷），再按原因给方案（价格高给专属优惠、服务不好先改善服务），并提供额外权益吸引回来；挽回后保持定期联系。", Source)
        {
            Stages = [PlaybookStages.WinBack],
        },
    ];

    private static PlaybookEntry Entry(Objection objection, string title, string body, params string[] stages) =>
        new(PlaybookEntry.CategoryOf(objection), title, body, Source) { Stages = stages };
}
