namespace Bot.Conversations.Churn;

/// <summary>The customers at risk, most urgent first: how many there are and the first few.</summary>
public sealed record ChurnPage(int Total, IReadOnlyList<ChurnFacts> Top);

/// <summary>A customer in whom tonight's scan found signals the previous scan did not.</summary>
public sealed record ChurnChange(ChurnFacts Facts, IReadOnlyList<ChurnFinding> Findings, IReadOnlyList<ChurnSignal> NewSignals);

public sealed record ChurnScanResult(int AtRisk, IReadOnlyList<ChurnChange> Changes);

/// <summary>
/// Churn findings stored by the nightly scan and kept current during the day: customers whose interactions,
/// orders, contacts or record changed are re-assessed with <see cref="ChurnRules"/> before the next read.
/// </summary>
public interface IChurnFindings
{
    /// <summary>The most urgent customers of these owners (null: everyone's); null when the last scan was not for <paramref name="today"/>.</summary>
    Task<ChurnPage?> TopAsync(IReadOnlySet<long>? ownerIds, DateOnly today, int limit, CancellationToken ct);

    /// <summary>
    /// Re-assesses the whole book for <paramref name="today"/> and stores it. The customers with new signals are
    /// handed to <paramref name="publish"/> before anything is stored, so a scan that fails after publishing repeats
    /// the same changes when it runs again.
    /// </summary>
    Task<ChurnScanResult> ScanAsync(DateOnly today, DateTimeOffset at, Func<IReadOnlyList<ChurnChange>, CancellationToken, Task> publish, CancellationToken ct);
}
