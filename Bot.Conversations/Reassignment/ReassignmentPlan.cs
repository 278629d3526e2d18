namespace Bot.Conversations.Reassignment;

/// <summary>One customer to move, and the owner it is moved from as it was when the move was asked for (null: nobody).</summary>
public sealed record PlannedMove(long CustomerId, long? FromUserId);

/// <summary>
/// What a reassignment will do, decided before anything is written: these customers, each from its owner, to
/// <paramref name="ToUserId"/>. <paramref name="WholeBook"/>: every customer of the reps named (「张伟的客户都转给李娜」),
/// rather than customers named one by one.
/// </summary>
public sealed record ReassignmentPlan(long ToUserId, IReadOnlyList<PlannedMove> Moves, bool WholeBook)
{
    public IReadOnlyList<long> FromUserIds => [.. Moves.Select(m => m.FromUserId).OfType<long>().Distinct()];
}

/// <summary>What a plan would move, counted when it is asked about.</summary>
public sealed record ReassignmentPreview(int Customers, int WeComContacts, int Reminders, int Deals);

/// <summary>A customer that moved, the owner it left, and how many of its contacts' WeChat accounts go with it.</summary>
public sealed record MovedCustomer(long Id, string Name, long? FromUserId, int WeComContacts);

/// <summary>What one reassignment moved, all in the transaction that moved it.</summary>
public sealed record ReassignmentOutcome(long Id, IReadOnlyList<MovedCustomer> Customers, int Reminders, int Deals)
{
    public int WeComContacts => Customers.Sum(c => c.WeComContacts);
}

/// <param name="Source">Who asked, for the audit log: 'chat:&lt;userid&gt;' or 'cli'.</param>
public sealed record ReassignmentRequest(ReassignmentPlan Plan, long? ActorId, string Source, DateTimeOffset At);
