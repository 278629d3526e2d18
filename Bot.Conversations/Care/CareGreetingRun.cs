using Bot.Conversations.Common;
using Bot.Conversations.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Conversations.Care;

/// <summary>What one planning run did: greetings queued, greetings that yielded to the quota, reps told, greetings reps skipped.</summary>
public sealed record CareGreetingSummary(bool WindowClosed, int Queued, int Yielded, int RepsNoted, int Skipped = 0);

/// <summary>
/// The day's greetings: who gets which (see <see cref="CareDayPlanning"/>), each queued as a group send from the owning
/// rep with its idempotency key, then one note per rep. Safe to run again at any time: keys already planned are
/// left alone, so a run killed midway is finished, never doubled, by the next.
/// </summary>
public sealed class CareGreetingRun(
    ICareCandidates candidates, CareDayPlanning planning, ICareTasks tasks, IChannelMessages channel, IOptions<CareOptions> options,
    ILogger<CareGreetingRun> logger)
{
    public Task<CareGreetingSummary> RunAsync(DateTimeOffset now, CancellationToken ct) => RunAsync(now, afterChunk: null, ct);

    /// <param name="afterChunk">Called after each committed chunk of greetings with its size.</param>
    public async Task<CareGreetingSummary> RunAsync(DateTimeOffset now, Func<int, Task>? afterChunk, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Window.IsOpen(now))
        {
            logger.LogInformation("Care planning skipped at {Now}: outside {Window} Shanghai time", now, o.Window);
            return new CareGreetingSummary(true, 0, 0, 0);
        }
        var today = ChinaTime.DateOf(now);
        var everyone = FestivalCalendar.FestivalsOn(today).Count > 0;
        var day = await planning.DecideAsync(today, await candidates.ForDayAsync(today, everyone, o.PostSaleDays, ct), alsoUsed: null, ct);
        var plans = day.Plans;
        await tasks.SaveAsync(plans, channel.CareGreeting, afterChunk, ct);
        var notes = await tasks.AnnounceAsync(
            note => channel.Notice(note.RepUserId, CareNotes.Queued(note.Counts), $"care:note:{note.RepUserId}:{note.FirstTaskId}"), ct);
        var summary = new CareGreetingSummary(false, plans.Count(p => !p.Yielded), plans.Count(p => p.Yielded), notes.Count, day.Skipped);
        logger.LogInformation("Care planning for {Day}: {Queued} queued, {Yielded} yielded to the quota, {Skipped} skipped by reps, {Reps} reps told",
            today, summary.Queued, summary.Yielded, summary.Skipped, summary.RepsNoted);
        return summary;
    }
}
