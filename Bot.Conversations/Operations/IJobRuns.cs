namespace Bot.Conversations.Operations;

public sealed record JobRun(string Job, DateTime ScheduledFor, string Instance, DateTime StartedAt, DateTime? FinishedAt, string? Outcome, string? Detail);

/// <summary>The record of scheduled job executions: what ran where and how it ended.</summary>
public interface IJobRuns
{
    Task<long> StartAsync(string job, DateTimeOffset scheduledFor, string instance, CancellationToken ct);

    Task FinishAsync(long id, bool ok, string? detail, CancellationToken ct);

    /// <summary>Each job's latest run.</summary>
    Task<IReadOnlyList<JobRun>> LatestAsync(CancellationToken ct);
}
