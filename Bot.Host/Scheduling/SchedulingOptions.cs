using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Scheduling;

/// <summary>The "Scheduling" section: when each job runs (Quartz cron, Asia/Shanghai) and the knobs the jobs read.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Off for one-off tools and tests that must not have jobs firing under them.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Job name → Quartz cron expression (seconds first), read in Asia/Shanghai time.</summary>
    public Dictionary<string, string> Cron { get; set; } = [];

    /// <summary>How often each host tells the cluster it is alive; a host silent for three times this is taken over.</summary>
    [Range(1, 300)]
    public int CheckinSeconds { get; set; } = 5;

    /// <summary>A reminder that fell due longer ago than this gets no card (the morning digest lists it).</summary>
    [Range(1, 1440)]
    public int DueCardLookBackMinutes { get; set; } = 60;

    /// <summary>Follow-ups overdue by more than this many days are escalated to the rep's manager, once.</summary>
    [Range(1, 60)]
    public int EscalateAfterOverdueDays { get; set; } = 3;

    /// <summary>At most this many new cadence follow-ups per rep per day.</summary>
    [Range(1, 100)]
    public int CadencePerRepPerDay { get; set; } = 5;
}
