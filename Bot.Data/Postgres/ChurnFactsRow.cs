using Bot.Conversations.Churn;
using Bot.Conversations.Customers;

namespace Bot.Data.Postgres;

/// <summary>The columns ChurnRules judges, as both the live query and the stored findings return them.</summary>
internal sealed class ChurnFactsRow
{
    public long CustomerId { get; init; }

    public string Name { get; init; } = "";

    public long? OwnerId { get; init; }

    public string? OwnerName { get; init; }

    public string Stage { get; init; } = "";

    public DateTime? LastOrderOn { get; init; }

    public double? UsualDaysBetweenOrders { get; init; }

    public DateTime? LastInteractionOn { get; init; }

    public int ComplaintsLast30Days { get; init; }

    public DateTime? RemovedRepOn { get; init; }

    public ChurnFacts ToFacts() => new(CustomerId, Name, OwnerId, OwnerName, FunnelStages.FromCode(Stage),
        Date(LastOrderOn), UsualDaysBetweenOrders, Date(LastInteractionOn), ComplaintsLast30Days, Date(RemovedRepOn));

    private static DateOnly? Date(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
