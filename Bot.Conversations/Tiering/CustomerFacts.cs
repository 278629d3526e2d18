using Bot.Conversations.Customers;

namespace Bot.Conversations.Tiering;

/// <summary>
/// What tiering looks at for one customer. Order figures are the last twelve months' when order history exists,
/// else the baseline figures the company imported from its old CRM.
/// </summary>
public sealed record CustomerFacts(
    long CustomerId,
    string Name,
    long? OwnerId,
    CustomerTier? CurrentTier,
    FunnelStage Stage,
    decimal YearAmount,
    int YearOrders,
    DateOnly? LastOrderOn,
    DateOnly? LastInteractionOn,
    string? Size,
    bool Strategic,
    bool GrowthFlag,
    int OrdersLast90Days);
