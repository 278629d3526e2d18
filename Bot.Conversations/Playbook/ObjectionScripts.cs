using Bot.Conversations.Understanding;

namespace Bot.Conversations.Playbook;

/// <summary>
/// Replies to common objections, taken from the company's sales guides (价格太高 → show the value; 再考虑考虑 →
/// find the real concern; 和竞品对比 → name the difference; complaints → listen, apologise, solve, confirm).
/// </summary>
public static class ObjectionScripts
{
    public static string For(Objection objection) => objection switch
    {
        Objection.Price => "嫌贵时，先把话题从价格拉回价值：\n「您觉得贵，可能是还没看到我们服务里包含的东西。我们提供免费升级和优先售后，长期算下来反而省成本。」\n再举一个同行案例（用了之后省了多少、提效多少），必要时给有期限的优惠，不要直接降价。",
        Objection.Hesitation => "客户说「再考虑考虑」，要问出真正的顾虑：\n「您主要是对功能还有疑问，还是预算方面需要再确认？」\n问清楚后对症处理，并约好下次沟通的具体时间。",
        Objection.Competitor => "客户要和竞品对比时，不贬低对手，讲清差异：\n「我们比他们多了XX功能，能帮您提升XX效率。」\n附上同行业客户案例，主动提供对比表，约一次演示。",
        Objection.Budget => "预算不足时，先确认预算周期和金额区间：\n「今年的预算大概在什么范围？什么时候开始下一轮预算？」\n可以拆分方案、分期实施，先上核心模块，把后续需求排进下一期预算。",
        Objection.Authority => "需要领导拍板时，争取见到决策人：\n「为了让方案更贴合您领导关心的点，能不能约个时间一起聊15分钟？」\n同时给对接人准备一页纸的汇报材料：痛点、方案、投入产出。",
        Objection.Timing => "客户说「以后再说」，要弄清时间点和触发条件：\n「是因为最近项目多，还是要等某个节点？」\n约定具体的回访时间，期间定期分享行业资讯，保持联系但不打扰。",
        Objection.Need => "客户说不需要时，用提问挖需求（现状—问题—影响—需求）：\n「您现在是怎么处理XX的？有没有遇到不方便的地方？这对业务影响大吗？」\n没有痛点就别硬推，定期回访，等需求出现。",
        Objection.Trust => "客户不放心时，用证据建立信任：\n提供同行业成功案例、客户证言和资质；可以安排试用或参观老客户现场；承诺明确的服务标准和响应时间。",
        Objection.Complaint => "处理投诉四步：\n1. 倾听：「您别着急，我先听您说完。」\n2. 道歉：「对不起，给您添麻烦了。」\n3. 解决：给出具体方案和时间。\n4. 回访确认：「这个处理您满意吗？」处理得好，投诉客户也能变成忠实客户。",
        _ => "",
    };
}
