using Bot.Conversations.Common;

namespace Bot.Conversations.Care;

/// <summary>The hours (Shanghai time) customers may hear from us: 08:00–21:00 unless configured otherwise, never at night.</summary>
public sealed record CareWindow(int FromHour, int UntilHour)
{
    public bool IsOpen(DateTimeOffset instant)
    {
        var local = ChinaTime.ToChina(instant).TimeOfDay;
        return local >= TimeSpan.FromHours(FromHour) && local < TimeSpan.FromHours(UntilHour);
    }

    /// <summary>The instant itself when the window is open, else the next time it opens.</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        if (IsOpen(instant))
            return instant;
        var local = ChinaTime.ToChina(instant);
        var day = DateOnly.FromDateTime(local.DateTime);
        return ChinaTime.At(local.TimeOfDay >= TimeSpan.FromHours(UntilHour) ? day.AddDays(1) : day, new TimeOnly(FromHour, 0));
    }

    public override string ToString() => $"{FromHour:00}:00–{UntilHour:00}:00";
}
