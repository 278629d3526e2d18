using Bot.Conversations.Care;
using Bot.Conversations.Common;
using Bot.Data.Messaging;
using Bot.Host.Scheduling;
using Microsoft.Extensions.Options;
using CronExpression = Quartz.CronExpression;

namespace Bot.Sandbox.Clock;

/// <summary>A time the page offers with one click, and why it is worth trying.</summary>
public sealed record ClockPreset(string Label, DateTimeOffset At, string What);

/// <summary>One job the move made run, at the fire time it passed, and what it said.</summary>
public sealed record JobRunAtMove(string Job, DateTimeOffset At, string Result);

public sealed record ClockState(DateTimeOffset Now, bool Simulated, IReadOnlyList<ClockPreset> Presets);

/// <summary>
/// Moves the sandbox clock as a day would pass: every scheduled job whose fire time falls between the old and the new
/// time runs once, at its last such fire time (the morning digest at 08:30, the greetings at 09:00, due reminders at
/// the minute), and messages held for a time of day are looked at again by the dispatcher.
/// </summary>
public sealed class SimulatedTime(
    SandboxClock clock, IEnumerable<IScheduledJob> jobs, IOptions<SchedulingOptions> scheduling, OutboxStore outbox,
    ICareCandidates candidates, IOptions<CareOptions> care, ILogger<SimulatedTime> logger) : IDisposable
{
    private static readonly TimeOnly GreetingTime = new(9, 5);
    private static readonly TimeOnly MorningTime = new(8, 31);
    private readonly SemaphoreSlim _moving = new(1, 1);

    public async Task<ClockState> StateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return new ClockState(now, clock.Offset != TimeSpan.Zero, await PresetsAsync(now, ct));
    }

    public async Task<IReadOnlyList<JobRunAtMove>> MoveAsync(DateTimeOffset? at, CancellationToken ct)
    {
        await _moving.WaitAsync(ct);
        try
        {
            var before = clock.MoveTo(at);
            var now = clock.GetUtcNow();
            logger.LogInformation("Sandbox clock moved from {Before} to {Now}", before, now);
            var ran = new List<JobRunAtMove>();
            if (now > before)
            {
                foreach (var (job, fire) in Passed(before, now))
                    ran.Add(new JobRunAtMove(job.Name, fire, await job.RunAsync(fire, ct)));
            }
            await outbox.ReleaseWaitingAsync(ct);
            return ran;
        }
        finally
        {
            _moving.Release();
        }
    }

    public void Dispose() => _moving.Dispose();

    /// <summary>The jobs with a fire time in (before, now], each with its last one, in fire-time order.</summary>
    private IEnumerable<(IScheduledJob Job, DateTimeOffset Fire)> Passed(DateTimeOffset before, DateTimeOffset now)
    {
        var cron = scheduling.Value.Cron;
        return jobs
            .Select(job => (Job: job, Fire: cron.TryGetValue(job.Name, out var expression) ? LastFire(expression, before, now) : null))
            .Where(x => x.Fire is not null)
            .Select(x => (x.Job, Fire: x.Fire!.Value))
            .OrderBy(x => x.Fire);
    }

    private static DateTimeOffset? LastFire(string expression, DateTimeOffset before, DateTimeOffset now)
    {
        var schedule = new CronExpression(expression, ChinaTime.Zone);
        DateTimeOffset? last = null;
        // A week's jump of a per-minute job would walk 10,080 fire times: start from a day before when it is far.
        var from = now - before > TimeSpan.FromDays(8) ? now.AddDays(-8) : before;
        for (var next = schedule.GetNextValidTimeAfter(from); next is { } fire && fire <= now; next = schedule.GetNextValidTimeAfter(fire))
            last = fire;
        return last;
    }

    private async Task<IReadOnlyList<ClockPreset>> PresetsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(now);
        // The next 08:31, just after the morning digest: this morning while it is still ahead.
        var morning = ChinaTime.At(today, MorningTime) > now ? today : today.AddDays(1);
        var presets = new List<ClockPreset>
        {
            new($"{(morning == today ? "今早" : "明早")} {MorningTime:H:mm}", ChinaTime.At(morning, MorningTime), "每天早上的跟进日报，到期的提醒卡片"),
        };
        var festival = CareOccasions.Festivals
            .SelectMany(f => new[] { today.Year, today.Year + 1 }.Select(year => (Festival: f, Day: FestivalCalendar.DateOf(f, year))))
            .Where(x => x.Day > today).OrderBy(x => x.Day).First();
        presets.Add(new($"{FestivalCalendar.NameOf(festival.Festival)} {GreetingTime:H:mm}", ChinaTime.At(festival.Day, GreetingTime), "给已加微信、同意接收的客户发节日祝福"));
        var everyone = await candidates.ForDayAsync(today, everyone: true, care.Value.PostSaleDays, ct);
        var birthday = Enumerable.Range(1, 366).Select(today.AddDays)
            .Select(day => (Day: day, Who: everyone.FirstOrDefault(c => c.Birthday is { } b && FestivalCalendar.IsBirthday(b, day))))
            .FirstOrDefault(x => x.Who is not null);
        if (birthday.Who is { } who)
            presets.Add(new($"{who.ContactName}生日 {GreetingTime:H:mm}", ChinaTime.At(birthday.Day, GreetingTime), $"{who.Company}的{who.ContactName}过生日"));
        return presets;
    }
}
