using System.ComponentModel.DataAnnotations;

namespace Bot.Conversations.Tiering;

/// <summary>
/// Section <c>Tiering</c>. Defaults are the sales guides': A ≥ 10万 a year, B 5–10万, C below; RFM scored
/// 1–5 (R by days since the last order, F by orders a year, M by the year's amount).
/// </summary>
public sealed class TieringOptions
{
    public const string Section = "Tiering";

    [Range(1, double.MaxValue)]
    public decimal TierAMinimum { get; set; } = 100_000;

    [Range(1, double.MaxValue)]
    public decimal TierBMinimum { get; set; } = 50_000;

    /// <summary>Days since the last order for R = 5, 4, 3, 2; anything longer is 1.</summary>
    [MinLength(4), MaxLength(4)]
    public int[] RecencyDays { get; set; } = [];

    /// <summary>Orders in the last twelve months for F = 5, 4, 3, 2; fewer is 1.</summary>
    [MinLength(4), MaxLength(4)]
    public int[] FrequencyOrders { get; set; } = [];

    /// <summary>The last twelve months' amount for M = 5, 4, 3, 2; less is 1.</summary>
    [MinLength(4), MaxLength(4)]
    public decimal[] MonetaryAmounts { get; set; } = [];

    /// <summary>A score at or above this counts as "high" in the RFM segments (重要价值 = high R, F and M).</summary>
    [Range(2, 5)]
    public int HighScore { get; set; } = 3;

    /// <summary>
    /// Fills the cut lists the configuration left out with the guides' values. They cannot be property defaults:
    /// the configuration binder appends to an existing array instead of replacing it.
    /// </summary>
    public TieringOptions WithGuideDefaults()
    {
        if (RecencyDays.Length == 0)
            RecencyDays = [30, 60, 90, 180];
        if (FrequencyOrders.Length == 0)
            FrequencyOrders = [10, 5, 3, 2];
        if (MonetaryAmounts.Length == 0)
            MonetaryAmounts = [100_000, 50_000, 20_000, 5_000];
        return this;
    }
}
