using Bot.Conversations.Customers;

namespace Bot.Conversations.Deals;

/// <summary>
/// A deal (商机): what one customer may sign, for how much, by when. Open until won or lost; <see cref="Title"/> tells
/// several deals of one customer apart (二期, 续约) and is empty for the first.
/// </summary>
public sealed record Deal(
    long Id, long CustomerId, long? OwnerId, string Title, decimal? Amount, DateOnly? ExpectedClose, FunnelStage Stage,
    DateTimeOffset? ClosedAt, DateTimeOffset UpdatedAt)
{
    public bool IsOpen => ClosedAt is null;

    /// <summary>"华东精密·二期", or the customer's name alone for its untitled deal.</summary>
    public string Label(string customerName) => Title.Length == 0 ? customerName : $"{customerName}·{Title}";
}

/// <param name="Stage">An open stage for a new deal, or won when the deal is logged as signed right away.</param>
public sealed record NewDeal(long CustomerId, long? OwnerId, string Title, decimal? Amount, DateOnly? ExpectedClose, FunnelStage Stage, long? CreatedBy, long? InboundMessageId);

/// <summary>The fields of a deal a change may set; null leaves a field as it is.</summary>
public sealed record DealChange(decimal? Amount = null, DateOnly? ExpectedClose = null, FunnelStage? Stage = null);
