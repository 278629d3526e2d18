using Bot.Conversations.Team;

namespace Bot.Conversations.Reassignment;

public interface IReassignmentStore
{
    /// <summary>Every member, those who left included: a departed rep's customers still have to go to someone.</summary>
    Task<IReadOnlyList<SalesUser>> ListMembersAsync(CancellationToken ct);

    /// <summary>The live customers the member owns.</summary>
    Task<IReadOnlyList<long>> CustomersOfAsync(long ownerId, CancellationToken ct);

    Task<ReassignmentPreview> PreviewAsync(ReassignmentPlan plan, CancellationToken ct);

    /// <summary>
    /// In one transaction: each customer still owned by its planned owner moves with that owner's open follow-ups of it
    /// and its open deals (won and lost deals stay credited to the old owner), its contacts' WeChat accounts are
    /// queued for WeCom's transfer, and the audit log records who asked. Null when none was still where planned.
    /// </summary>
    Task<ReassignmentOutcome?> ReassignAsync(ReassignmentRequest request, CancellationToken ct);
}
