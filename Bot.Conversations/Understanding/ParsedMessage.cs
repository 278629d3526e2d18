using Bot.Conversations.Customers;

namespace Bot.Conversations.Understanding;

/// <summary>Everything the rules read from one message. Nothing here has touched the database.</summary>
public sealed record ParsedMessage(
    Intent Intent,
    string Text,
    CustomerResolution Customer,
    InteractionChannel? Channel,
    IReadOnlyList<Objection> Objections,
    decimal? Amount,
    DateTimeOffset? FollowUpAt,
    bool FollowUpHasTime,
    FunnelStage? Stage,
    ReportPeriod? Period,
    CustomerTier? Tier,
    bool PersonalDataRedacted);
