namespace Bot.Sandbox.Clock;

/// <summary>
/// The sandbox's clock: the real time, moved by an offset the page sets (「模拟时间」), so a newcomer can play a
/// morning, a festival or a birthday at any hour. Everything that asks the host's <see cref="TimeProvider"/> — the
/// understanding's 「明天」, reminders, jobs, the care window, the emulator — sees the simulated time; timers still
/// tick in real time.
/// </summary>
public sealed class SandboxClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Makes <paramref name="at"/> the current time (null: back to the real time); returns the time before the move.</summary>
    public DateTimeOffset MoveTo(DateTimeOffset? at)
    {
        var before = GetUtcNow();
        Interlocked.Exchange(ref _offsetTicks, at is { } target ? (target - System.GetUtcNow()).Ticks : 0);
        return before;
    }
}
