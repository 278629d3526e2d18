namespace Bot.Conversations.Reassignment;

/// <summary>
/// A reassignment asked about and waiting for 确认; once done, <see cref="DoneId"/> is set and it is kept for ten
/// minutes so that 撤销 can say why it cannot be taken back.
/// </summary>
public sealed record PendingReassignment(ReassignmentPlan Plan, DateTimeOffset AskedAt, long? DoneId = null);
