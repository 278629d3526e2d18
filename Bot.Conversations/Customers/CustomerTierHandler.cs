using Bot.Conversations.Dialogs;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Understanding;

namespace Bot.Conversations.Customers;

/// <summary>
/// "海川医疗是哪一类客户": the stored tier and the service level the guides prescribe for it. The scoring itself
/// (ABC, RFM, value–potential) is recomputed by the tiering job of the sales-intelligence work.
/// </summary>
public sealed class CustomerTierHandler(ICustomerRepository customers) : IIntentHandler
{
    public Intent Intent => Intent.QueryTier;

    public CustomerNeed Needs => CustomerNeed.Required;

    public async Task<IReadOnlyList<Reply>> HandleAsync(ConversationContext context, CancellationToken ct)
    {
        var customer = await customers.GetAsync(context.CustomerId, ct) ?? throw new InvalidOperationException("customer vanished");
        var name = customer.ShortName ?? customer.LegalName;
        var text = customer.Tier switch
        {
            CustomerTier.A => $"{name}是A类客户（年合作≥10万或标杆客户）。服务标准：专属客户经理，每月至少上门一次，问题2小时内响应。",
            CustomerTier.B => $"{name}是B类客户（年合作5–10万）。服务标准：每周一次电话沟通，季度满意度回访。",
            CustomerTier.C => $"{name}是C类客户（年合作<5万）。服务标准：自动推送资讯，半年集中跟进一次，有潜力的及时升级。",
            _ => $"{name}还没有评级（{customer.Stage.ChineseName()}阶段，尚无足够订单数据）。评级按近12个月合作金额计算，每晚更新。",
        };
        return [Reply.Plain(text)];
    }
}
