using Bot.Conversations.Pipeline;
using Microsoft.Extensions.Logging;

namespace Bot.Conversations.Customers;

/// <summary>The nightly reconciliation with WeCom's customer lists; queues the notices the lost callbacks would have sent.</summary>
public sealed class ContactReconciliationRun(ContactReconciliation reconciliation, INoticeOutbox outbox, ILogger<ContactReconciliationRun> logger)
{
    public async Task<ReconciliationResult> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var result = await reconciliation.RunAsync(now, ct);
        await outbox.QueueAsync(new ScheduledOutput(result.Notices), ct);
        logger.LogInformation("Reconciled the customers of {Members} members with WeCom: {Linked} linked, {Removed} marked as having removed the rep",
            result.Members, result.Linked, result.Removed);
        if (result.Unreadable > 0)
            logger.LogWarning("WeCom would not list the customers of {Unreadable} members (not in WeCom or outside the app's customer-contact scope); their customers were not checked",
                result.Unreadable);
        return result;
    }
}
