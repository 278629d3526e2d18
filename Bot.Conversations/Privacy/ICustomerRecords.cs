namespace Bot.Conversations.Privacy;

/// <summary>How many of each kind of record an erasure touched: what the audit log keeps instead of the data.</summary>
public sealed record ErasureCounts(
    int Contacts, int Interactions, int Reminders, int InboundMessages, int OutboxMessages, int RemindersCancelled);

/// <summary>A customer's right to see and to erase what the company holds about them.</summary>
public interface ICustomerRecords
{
    /// <summary>
    /// Erases the customer's personal data and leaves an anonymised row (已删除客户#ID) whose orders, stages and
    /// interaction counts still count in reports; writes the audit entry in the same transaction. Stored messages are
    /// found by what links them to the customer (the interactions, reminders and deals written from them, the contacts'
    /// WeCom ids, the replies to them) and by <paramref name="mentions"/>, which masks only this customer's names. Null when the
    /// customer does not exist or was already deleted.
    /// </summary>
    Task<ErasureCounts?> ForgetAsync(long customerId, long? actorId, string actor, DateTimeOffset at, CustomerMentions mentions, CancellationToken ct);

    /// <summary>
    /// Everything held about the customer as one JSON document, or null when there is no such live customer. Its
    /// messages are every stored message <see cref="ForgetAsync"/> would touch, found the same way.
    /// </summary>
    Task<string?> ExportAsync(long customerId, CustomerMentions mentions, CancellationToken ct);
}
