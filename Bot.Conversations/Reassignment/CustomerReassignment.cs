using Bot.Conversations.Customers;
using Bot.Conversations.Pipeline;
using Bot.Conversations.Team;

namespace Bot.Conversations.Reassignment;

/// <summary>What a reassignment did: its outcome, and what the one who asked is told.</summary>
public sealed record ReassignmentDone(ReassignmentOutcome Outcome, string Summary);

/// <summary>
/// The reassignment itself, the same from chat and from the command line: the customers move in one transaction,
/// then the reps are told (in the caller's transaction when it has one, so a message handled twice tells no one
/// twice); the WeChat account transfers it queued are requested by <see cref="ContactTransferRun"/>.
/// </summary>
public sealed class CustomerReassignment(IReassignmentStore store, INoticeOutbox outbox, CustomerDirectory directory)
{
    public async Task<(ReassignmentPreview Preview, string Question)> AskAsync(ReassignmentPlan plan, CancellationToken ct)
    {
        var preview = await store.PreviewAsync(plan, ct);
        var people = (await store.ListMembersAsync(ct)).ToDictionary(u => u.Id);
        var view = await directory.GetAsync(ct);
        string Name(long id) => view.Customers.TryGetValue(id, out var c) ? c.ShortName ?? c.LegalName : "";
        return (preview, ReassignmentText.Question(plan, preview, people, Name));
    }

    /// <returns>Null when none of the customers was still with the owner planned (someone moved them meanwhile).</returns>
    public async Task<ReassignmentDone?> ExecuteAsync(ReassignmentPlan plan, SalesUser? actor, string source, DateTimeOffset now, CancellationToken ct)
    {
        var outcome = await store.ReassignAsync(new ReassignmentRequest(plan, actor?.Id, source, now), ct);
        directory.Invalidate();
        if (outcome is null)
            return null;
        var people = (await store.ListMembersAsync(ct)).ToDictionary(u => u.Id);
        var notices = ReassignmentText.Notices(outcome, people, plan.ToUserId, actor);
        await outbox.QueueAsync(new ScheduledOutput(notices), ct);
        var told = notices.Select(n => people.Values.First(u => u.WeComUserId == n.ToUserId).Name).ToList();
        return new ReassignmentDone(outcome, ReassignmentText.Done(outcome, plan.Moves.Count, people, plan.ToUserId, told));
    }
}
