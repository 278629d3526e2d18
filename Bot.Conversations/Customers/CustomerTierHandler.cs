using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Tiering;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "海川医疗是哪一类客户": the tier computed from today's facts, why, its RFM scores, segment and quadrant,
/// and the service level the guides prescribe for the tier — in three lines.
/// </summary>
public sealed class CustomerTierHandler(ITierStore tiers, CustomerTierPolicy policy) : IIntentHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var facts = (await tiers.LoadFactsAsync(context.Today, context.CustomerId, ct)).Single();
        var assessment = policy.Assess(facts, context.Today);
        var service = assessment.Tier switch
        {
            CustomerTier.A => "专属客户经理，每月至少上门一次，问题2小时内响应",
            CustomerTier.B => "每周一次电话沟通，定期推送产品更新，季度满意度回访",
            _ => "自动推送行业资讯，半年集中跟进一次，有潜力的及时升级跟进",
        };
        return [Reply.Plain(
            $"{facts.Name}：{assessment.Tier}类（{string.Join("，", assessment.Reasons)}）。\n" +
            $"{policy.Explain(assessment.Rfm)}（RFM {assessment.Rfm}），{assessment.Segment}；价值潜力：{assessment.Quadrant}。\n" +
            $"服务标准：{service}。")];
    }
}
