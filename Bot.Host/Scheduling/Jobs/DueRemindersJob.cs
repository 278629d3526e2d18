using Bot.Conversations.Pipeline;
using Bot.Conversations.Reminders;
using Microsoft.Extensions.Options;

namespace Bot.Host.Scheduling.Jobs;

/// <summary>Every minute: a card for each follow-up that just fell due, and 「谈得怎么样？」 after each appointment.</summary>
public sealed class DueRemindersJob(DueReminderCards cards, AppointmentOutcomes outcomes, INoticeOutbox outbox, IOptions<SchedulingOptions> options) : IScheduledJob
{
    public async Task<string> RunAsync(DateTimeOffset now, CancellationToken ct)
    {
        var output = await cards.RunAsync(now, TimeSpan.FromMinutes(options.Value.DueCardLookBackMinutes), ct);
        var queued = await outbox.QueueAsync(output, ct);
        var asked = await outbox.QueueAsync(await outcomes.RunAsync(now, ct), ct);
        return asked == 0 ? $"{queued} 张提醒卡片" : $"{queued} 张提醒卡片，{asked} 条约见回访";
    }
}
