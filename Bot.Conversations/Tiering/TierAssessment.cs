using Bot.Conversations.Customers;

namespace Bot.Conversations.Tiering;

public sealed record RfmScore(int Recency, int Frequency, int Monetary)
{
    public override string ToString() => $"R{Recency} F{Frequency} M{Monetary}";
}

/// <summary>The verdict for one customer, with the reasons a rep can read.</summary>
public sealed record TierAssessment(CustomerTier Tier, RfmScore Rfm, string Segment, string Quadrant, IReadOnlyList<string> Reasons);
