namespace Bot.Conversations.Customers;

public enum CustomerTier
{
    A,
    B,
    C,
}

/// <summary>A customer company as the bot sees it. Tier is the cached result of the last recompute.</summary>
public sealed record Customer(
    long Id,
    string LegalName,
    string? ShortName,
    IReadOnlyList<string> Aliases,
    string? Industry,
    string? Size,
    string? Region,
    long? OwnerId,
    FunnelStage Stage,
    DateTimeOffset StageChangedAt,
    CustomerTier? Tier,
    bool Strategic,
    bool CareOptedOut,
    DateTimeOffset CreatedAt);

public sealed record NewCustomer(
    string LegalName,
    string? ShortName,
    IReadOnlyList<string> Aliases,
    string? Industry,
    string? Size,
    string? Region,
    long? OwnerId,
    FunnelStage Stage);
