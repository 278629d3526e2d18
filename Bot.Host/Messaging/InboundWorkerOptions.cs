using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Messaging;

/// <summary>Section <c>Inbound</c>: how the durable inbox is drained.</summary>
public sealed class InboundWorkerOptions
{
    public const string Section = "Inbound";

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;

    [Range(1, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    [Range(10, 60_000)]
    public int PollMilliseconds { get; set; } = 500;

    /// <summary>
    /// This host, as its inbound and outbox leases name it; stable across restarts (machine name and listening address by
    /// default), so a host restarted after a crash takes its own unfinished messages and unsent replies back at once.
    /// </summary>
    public string HostId { get; set; } = "";
}
