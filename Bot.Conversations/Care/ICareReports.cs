namespace Bot.Conversations.Care;

/// <summary>
/// How reps handled the greetings put before them in a period (by occasion date). Confirmed counts what the rep
/// sent, including sends WeCom could not deliver (no longer a friend, quota used by another group send);
/// waiting and unconfirmed are what the rep never confirmed (yet).
/// </summary>
public sealed record CareConfirmation(int Confirmed, int Waiting, int Unconfirmed)
{
    public int Total => Confirmed + Waiting + Unconfirmed;

    /// <summary>Confirmed share of the greetings that reached the reps; null when there were none.</summary>
    public double? Rate => Total == 0 ? null : (double)Confirmed / Total;
}

public interface ICareReports
{
    /// <summary>The confirmation rate of greetings owned by <paramref name="repIds"/> for occasions from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    Task<CareConfirmation> ConfirmationRateAsync(IReadOnlyCollection<long> repIds, DateOnly first, DateOnly last, CancellationToken ct);
}
