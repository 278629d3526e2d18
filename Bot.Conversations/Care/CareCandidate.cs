using Bot.Conversations.Customers;

namespace Bot.Conversations.Care;

/// <summary>
/// A contact who may be greeted today: consented, not opted out, reachable on WeCom through an active owning rep.
/// <paramref name="CustomerSince"/> is the first order or won deal; <paramref name="LastDealOn"/> the latest.
/// </summary>
public sealed record CareCandidate(
    long ContactId,
    long CustomerId,
    long RepId,
    string RepUserId,
    string RepName,
    string ExternalUserId,
    string ContactName,
    string? Title,
    string Company,
    Birthday? Birthday,
    DateOnly? CustomerSince,
    DateOnly? LastDealOn);

/// <summary>A greeting the day brings, before the quota is applied.</summary>
public sealed record DueCare(CareCandidate Candidate, CareOccasion Occasion, DateOnly On, string Key);

/// <summary>One greeting decided for today; <paramref name="Text"/> is null when it yielded to a higher-priority one.</summary>
public sealed record PlannedCare(CareCandidate Candidate, CareOccasion Occasion, DateOnly On, string Key, string? Text)
{
    public bool Yielded => Text is null;
}
