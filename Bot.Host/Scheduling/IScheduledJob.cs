namespace Bot.Host.Scheduling;

/// <summary>
/// One scheduled job. <see cref="Name"/> is its key under Scheduling:Cron: the class name without "Job". A job decides what to send and writes
/// it to the outbox under idempotency keys, so running it twice for the same moment says nothing twice.
/// </summary>
public interface IScheduledJob
{
    string Name => ScheduledJobTypes.NameOf(GetType());

    /// <summary>Runs the job as of <paramref name="now"/>; returns a short line for the run log ("3 条提醒").</summary>
    Task<string> RunAsync(DateTimeOffset now, CancellationToken ct);
}
