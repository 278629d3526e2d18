using System.ComponentModel.DataAnnotations;

namespace Bot.Conversations.Care;

/// <summary>WeCom's per-customer group-send quota (2025 docs): days-in-month a month by default, or 7 a week, or 1 a day.</summary>
public enum CareQuota
{
    DaysInMonth,
    SevenPerWeek,
    OnePerDay,
}

/// <summary>Section <c>Care</c>: the greetings' wording and the rules around sending them.</summary>
public sealed class CareOptions
{
    public const string Section = "Care";

    /// <summary>
    /// One template per <see cref="CareOccasion"/> (by its enum name). Placeholders: {salutation} 李总, {name} 李明,
    /// {title} 总经理, {company} the customer's short name, {years} full years as a customer, {thanks} the tenure
    /// sentence below, {rep} the sending rep's name.
    /// </summary>
    public Dictionary<string, string> Templates { get; set; } = [];

    /// <summary>What {thanks} says for a customer of at least a year; may use {years}.</summary>
    [Required]
    public string TenureThanks { get; set; } = "感谢{years}年来对我们的信任与支持";

    /// <summary>What {thanks} says for a customer of less than a year (or with no order yet).</summary>
    [Required]
    public string NewCustomerThanks { get; set; } = "感谢您一直以来的信任与支持";

    /// <summary>A post-sale check-in goes this many days after a deal is won or an order is placed.</summary>
    [Range(1, 365)]
    public int PostSaleDays { get; set; } = 7;

    public CareQuota Quota { get; set; } = CareQuota.DaysInMonth;

    /// <summary>Greetings are queued and handed to WeCom only from this hour (Shanghai time)…</summary>
    [Range(0, 23)]
    public int SendFromHour { get; set; } = 8;

    /// <summary>…until this hour; outside it planning queues nothing and the dispatcher holds greetings until the next opening.</summary>
    [Range(1, 24)]
    public int SendUntilHour { get; set; } = 21;

    public CareWindow Window => new(SendFromHour, SendUntilHour);

    /// <summary>A greeting still unconfirmed this long after it reached WeCom gets the rep a reminder.</summary>
    [Range(1, 72)]
    public int RemindAfterHours { get; set; } = 3;

    /// <summary>At most this many reminders per greeting.</summary>
    [Range(0, 5)]
    public int MaxReminders { get; set; } = 2;

    /// <summary>After this many days an unconfirmed greeting is written off as unconfirmed and no longer polled.</summary>
    [Range(1, 30)]
    public int TrackDays { get; set; } = 3;
}
