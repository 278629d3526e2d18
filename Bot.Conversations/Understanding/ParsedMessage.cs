using Bot.Conversations.Customers;

namespace Bot.Conversations.Understanding;

/// <summary>Why a reading that would change data is not sure enough to act on without asking.</summary>
[Flags]
public enum Doubts
{
    None = 0,

    /// <summary>The intent's probability is below what the dev set showed to be reliable.</summary>
    UnsureIntent = 1,

    /// <summary>A fair share of the probability says the message asks rather than tells (签了没?).</summary>
    MaybeQuestion = 2,

    /// <summary>The customer was found by an everyday word (东方) or a typo (星晨网络).</summary>
    UncertainName = 4,

    /// <summary>The contact did not happen (没人接, 没见着): worth logging only if the rep wants it.</summary>
    FailedAttempt = 8,

    /// <summary>The follow-up falls outside 08:00–21:00.</summary>
    NightTime = 16,
}

/// <summary>
/// Everything read from one message. Nothing here has touched the database. <see cref="Confidence"/> is the
/// intent's probability (1 when the intent was given, not read). <see cref="FollowUpHasTime"/> says a clock time was
/// said; a part of the day alone (明天下午) keeps its usual hour in <see cref="FollowUpAt"/> without it.
/// </summary>
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
    bool PersonalDataRedacted,
    float Confidence = 1,
    Doubts Doubts = Doubts.None)
{
    /// <summary>
    /// When to schedule the follow-up: the time said; for a part of the day (明天下午) its usual hour; for a day alone,
    /// <paramref name="dayOnly"/> that day.
    /// </summary>
    public DateTimeOffset? FollowUpDue(TimeOnly dayOnly) => FollowUpAt is not { } at ? null
        : FollowUpHasTime || Common.ChinaTime.ToChina(at).TimeOfDay != TimeSpan.Zero ? at
        : Common.ChinaTime.At(Common.ChinaTime.DateOf(at), dayOnly);
}
