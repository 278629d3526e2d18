using Bot.Conversations.Customers;

namespace Bot.Conversations.Reminders;

/// <summary>
/// When to follow up if the rep did not say, per the sales guides: a lead weekly, a qualified or negotiating
/// customer every two days, a deal just won within 24 hours, an existing customer by tier — A monthly (visit),
/// B weekly (call), C half-yearly. A lost deal gets no follow-up.
/// </summary>
public static class FollowUpCadence
{
    public sealed record Suggestion(TimeSpan After, string Why);

    public static Suggestion? For(FunnelStage stage, CustomerTier? tier, bool justWon) => stage switch
    {
        FunnelStage.Lost => null,
        FunnelStage.Won when justWon => new Suggestion(TimeSpan.FromDays(1), "刚成交，24小时内回访"),
        FunnelStage.Won => tier switch
        {
            CustomerTier.B => new Suggestion(TimeSpan.FromDays(7), "B类客户每周一次电话"),
            CustomerTier.C => new Suggestion(TimeSpan.FromDays(182), "C类客户半年集中跟进一次"),
            _ => new Suggestion(TimeSpan.FromDays(30), tier == CustomerTier.A ? "A类客户每月至少拜访一次" : "老客户每月联系一次"),
        },
        FunnelStage.Lead => new Suggestion(TimeSpan.FromDays(7), "潜在客户每周跟进一次"),
        _ => new Suggestion(TimeSpan.FromDays(2), stage == FunnelStage.Qualified ? "意向客户每2天跟进一次" : "洽谈中的客户每2天跟进一次"),
    };
}
