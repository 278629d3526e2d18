using Bot.Conversations.Customers;

namespace Bot.Conversations.Merging;

/// <summary>What two duplicates become when one is merged into the other.</summary>
public static class MergeRules
{
    /// <summary>
    /// The more advanced of the two stages: the customer is as far along as its furthest record says. A lost record
    /// ranks below every open one (the other record shows the customer is still in play) unless both are lost.
    /// </summary>
    public static FunnelStage SurvivingStage(FunnelStage a, FunnelStage b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(FunnelStage stage) => stage == FunnelStage.Lost ? -1 : (int)stage;

    /// <summary>The owners differ and both are set: only a person can say who keeps the customer.</summary>
    public static bool OwnersDiffer(long? a, long? b) => a is not null && b is not null && a != b;

    /// <summary>
    /// Who owns the survivor: the one owner there is, or the chosen one when they differ (null if none was chosen,
    /// or the choice is neither of them).
    /// </summary>
    public static long? OwnerAfter(long? survivorOwner, long? mergedOwner, long? chosen) =>
        OwnersDiffer(survivorOwner, mergedOwner)
            ? chosen == survivorOwner || chosen == mergedOwner ? chosen : null
            : survivorOwner ?? mergedOwner;

    /// <summary>
    /// Which to keep, as the bot proposes it in chat: the one with more history (interactions, orders, deals); on a
    /// tie the older record, then the one named first.
    /// </summary>
    public static (MergeCandidate Survivor, MergeCandidate Merged) Propose(MergeCandidate first, MergeCandidate second) =>
        second.Counts.History > first.Counts.History || (second.Counts.History == first.Counts.History && second.CreatedAt < first.CreatedAt)
            ? (second, first)
            : (first, second);

    /// <summary>
    /// The survivor's aliases after the merge: its own, then the merged one's legal name, short name and aliases, so
    /// messages and imports that named the duplicate find the survivor. A name the survivor already goes by is not
    /// repeated.
    /// </summary>
    public static IReadOnlyList<string> AliasesAfter(
        string survivorLegalName, string? survivorShortName, IReadOnlyList<string> survivorAliases,
        string mergedLegalName, string? mergedShortName, IReadOnlyList<string> mergedAliases)
    {
        var taken = new HashSet<string>(
            survivorAliases.Append(survivorLegalName).Append(survivorShortName ?? "").Select(CustomerNameForms.Normalize), StringComparer.OrdinalIgnoreCase);
        var aliases = survivorAliases.ToList();
        foreach (var name in mergedAliases.Prepend(mergedShortName ?? "").Prepend(mergedLegalName))
        {
            if (!string.IsNullOrWhiteSpace(name) && taken.Add(CustomerNameForms.Normalize(name)))
                aliases.Add(name);
        }
        return aliases;
    }
}
