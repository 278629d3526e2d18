using System.Text.Json.Serialization;
using Bot.Conversations.Care;
using Bot.Conversations.Customers;
using Bot.Conversations.Deals;
using Bot.Conversations.Merging;
using Bot.Conversations.Records;
using Bot.Conversations.Targets;
using Bot.Conversations.Reminders;

namespace Bot.Conversations.Dialogs;

/// <summary>
/// One thing a write did, and how 撤销 takes it back. Each write hands over its own records, so undo knows nothing
/// about the kinds of write there are; they are listed here only so the dialog state can store and read them.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "undo")]
[JsonDerivedType(typeof(InteractionAdded), "interaction_added")]
[JsonDerivedType(typeof(StageChanged), "stage_changed")]
[JsonDerivedType(typeof(OrderAdded), "order_added")]
[JsonDerivedType(typeof(CustomerCreated), "customer_created")]
[JsonDerivedType(typeof(ReminderAdded), "reminder_added")]
[JsonDerivedType(typeof(ReminderTakenOver), "reminder_taken_over")]
[JsonDerivedType(typeof(ReminderChanged), "reminder_changed")]
[JsonDerivedType(typeof(DealAdded), "deal_added")]
[JsonDerivedType(typeof(DealChanged), "deal_changed")]
[JsonDerivedType(typeof(TargetSet), "target_set")]
[JsonDerivedType(typeof(AssignmentAdded), "assignment_added")]
[JsonDerivedType(typeof(CustomersMerged), "customers_merged")]
[JsonDerivedType(typeof(RecordChanged), "record_changed")]
[JsonDerivedType(typeof(GreetingChanged), "greeting_changed")]
public abstract record UndoRecord
{
    public abstract Task TakeBackAsync(WriteStores stores, CancellationToken ct);
}

/// <summary>The stores that undo records put things back in, and the outbox for telling others a write was taken back.</summary>
public sealed record WriteStores(ICustomerRepository Customers, IInteractionRepository Interactions, IReminderRepository Reminders, IOrderRepository Orders,
    IDealRepository Deals, ITargetRepository Targets, Pipeline.INoticeOutbox Notices, ICustomerMerges Merges, IRecordStore Records,
    IGreetingChanges Greetings);
